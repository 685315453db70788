#!/usr/bin/env python3
"""Deterministic LUBM-style data generator (univ-bench shape), written as N-Triples.

Usage: gen_lubm.py --universities N [--seed S] OUT.nt

Standard library only, no network. Same arguments give byte-identical output. Each
university is generated from its own random stream (seed, university index), so the
first k universities of a larger data set are exactly the data set of size k.

The shape follows the LUBM data generator (UBA 1.7) as documented by its published
parameters: every university has 15-25 departments; a department has 7-10 full,
10-14 associate and 8-11 assistant professors and 5-7 lecturers, 8-14 undergraduates and
3-4 graduate students per faculty member, 10-20 research groups; faculty teach 1-2
undergraduate and 1-2 graduate courses and write publications (full professors 15-20,
associate 10-18, assistant 5-10, lecturers 0-5), graduate students co-author 0-5 of
them; undergraduates take 2-4 courses and one in five has an advisor, graduate students
take 1-3 graduate courses and have an advisor; one in 4-5 graduate students is a teaching
assistant, one in 3-4 a research assistant; one full professor heads the department.
Degrees come from a pool of 1000 universities. IRIs and literals follow UBA's naming
(http://www.Department3.University0.edu/FullProfessor2, ...). This is a clean-room
re-implementation, not a port of UBA: the counts are close to LUBM's (about 100k-130k
triples per university) but not identical.
"""

import argparse
import random
import sys

UB = "http://swat.cse.lehigh.edu/onto/univ-bench.owl#"
RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"

UNIV_POOL = 1000
RESEARCH_POOL = 30


def ub(local):
    return f"<{UB}{local}>"


P = {name: ub(name) for name in (
    "name", "takesCourse", "teacherOf", "undergraduateDegreeFrom", "mastersDegreeFrom",
    "doctoralDegreeFrom", "advisor", "memberOf", "publicationAuthor", "headOf",
    "teachingAssistantOf", "researchInterest", "emailAddress", "telephone",
    "subOrganizationOf", "worksFor")}
C = {name: ub(name) for name in (
    "University", "Department", "FullProfessor", "AssociateProfessor", "AssistantProfessor",
    "Lecturer", "UndergraduateStudent", "GraduateStudent", "TeachingAssistant",
    "ResearchAssistant", "Course", "GraduateCourse", "Publication", "ResearchGroup")}


def univ_iri(k):
    return f"<http://www.University{k}.edu>"


def lit(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def gen_university(u, seed, out):
    rng = random.Random(seed * 1_000_003 + u)
    lines = []
    t = lambda s, p, o: lines.append(f"{s} {p} {o} .\n")
    univ = univ_iri(u)
    t(univ, RDF_TYPE, C["University"])
    t(univ, P["name"], lit(f"University{u}"))
    for d in range(rng.randint(15, 25)):
        host = f"Department{d}.University{u}.edu"
        base = f"http://www.{host}"
        dept = f"<{base}>"
        t(dept, RDF_TYPE, C["Department"])
        t(dept, P["name"], lit(f"Department{d}"))
        t(dept, P["subOrganizationOf"], univ)

        courses, grad_courses = [], []  # (iri) of courses taught in this department
        pubs = []  # publication IRIs of this department's faculty

        def person(kind, i):
            iri = f"<{base}/{kind}{i}>"
            t(iri, RDF_TYPE, C[kind])
            t(iri, P["name"], lit(f"{kind}{i}"))
            t(iri, P["emailAddress"], lit(f"{kind}{i}@{host}"))
            t(iri, P["telephone"], lit(f"xxx-xxx-{rng.randint(0, 9999):04d}"))
            return iri

        faculty, professors = [], []
        kinds = (("FullProfessor", 7, 10, 15, 20), ("AssociateProfessor", 10, 14, 10, 18),
                 ("AssistantProfessor", 8, 11, 5, 10), ("Lecturer", 5, 7, 0, 5))
        chair_kind_count = None
        for kind, lo, hi, plo, phi in kinds:
            n = rng.randint(lo, hi)
            if kind == "FullProfessor":
                chair_kind_count = n
                chair = rng.randrange(n)
            for i in range(n):
                f = person(kind, i)
                faculty.append(f)
                if kind != "Lecturer":
                    professors.append(f)
                    t(f, P["researchInterest"], lit(f"Research{rng.randrange(RESEARCH_POOL)}"))
                if kind == "FullProfessor" and i == chair:
                    t(f, P["headOf"], dept)
                else:
                    t(f, P["worksFor"], dept)
                t(f, P["undergraduateDegreeFrom"], univ_iri(rng.randrange(UNIV_POOL)))
                t(f, P["mastersDegreeFrom"], univ_iri(rng.randrange(UNIV_POOL)))
                t(f, P["doctoralDegreeFrom"], univ_iri(rng.randrange(UNIV_POOL)))
                for _ in range(rng.randint(1, 2)):
                    c = f"<{base}/Course{len(courses)}>"
                    courses.append(c)
                    t(c, RDF_TYPE, C["Course"])
                    t(c, P["name"], lit(f"Course{len(courses) - 1}"))
                    t(f, P["teacherOf"], c)
                for _ in range(rng.randint(1, 2)):
                    c = f"<{base}/GraduateCourse{len(grad_courses)}>"
                    grad_courses.append(c)
                    t(c, RDF_TYPE, C["GraduateCourse"])
                    t(c, P["name"], lit(f"GraduateCourse{len(grad_courses) - 1}"))
                    t(f, P["teacherOf"], c)
                for j in range(rng.randint(plo, phi)):
                    pub = f"<{base}/{kind}{i}/Publication{j}>"
                    pubs.append(pub)
                    t(pub, RDF_TYPE, C["Publication"])
                    t(pub, P["name"], lit(f"Publication{j}"))
                    t(pub, P["publicationAuthor"], f)
        assert chair_kind_count

        nfac = len(faculty)
        for i in range(nfac * rng.randint(8, 14)):
            s = person("UndergraduateStudent", i)
            t(s, P["memberOf"], dept)
            for c in rng.sample(courses, min(len(courses), rng.randint(2, 4))):
                t(s, P["takesCourse"], c)
            if rng.randrange(5) == 0:
                t(s, P["advisor"], rng.choice(professors))
        grads = []
        for i in range(nfac * rng.randint(3, 4)):
            s = person("GraduateStudent", i)
            grads.append(s)
            t(s, P["memberOf"], dept)
            t(s, P["undergraduateDegreeFrom"], univ_iri(rng.randrange(UNIV_POOL)))
            for c in rng.sample(grad_courses, min(len(grad_courses), rng.randint(1, 3))):
                t(s, P["takesCourse"], c)
            t(s, P["advisor"], rng.choice(professors))
            for pub in rng.sample(pubs, min(len(pubs), rng.randint(0, 5))):
                t(pub, P["publicationAuthor"], s)
        order = list(range(len(grads)))
        rng.shuffle(order)
        n_ta = len(grads) // rng.randint(4, 5)
        n_ra = len(grads) // rng.randint(3, 4)
        for k in order[:n_ta]:
            t(grads[k], RDF_TYPE, C["TeachingAssistant"])
            t(grads[k], P["teachingAssistantOf"], rng.choice(courses))
        for k in order[n_ta:n_ta + n_ra]:
            t(grads[k], RDF_TYPE, C["ResearchAssistant"])
        for i in range(rng.randint(10, 20)):
            g = f"<{base}/ResearchGroup{i}>"
            t(g, RDF_TYPE, C["ResearchGroup"])
            t(g, P["subOrganizationOf"], dept)
    out.writelines(lines)
    return len(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--universities", "-u", type=int, required=True)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("out", help="output N-Triples file ('-' for stdout)")
    a = ap.parse_args()
    if a.universities < 1:
        ap.error("--universities must be at least 1")
    out = sys.stdout if a.out == "-" else open(a.out, "w", encoding="utf-8", newline="\n")
    n = 0
    for u in range(a.universities):
        n += gen_university(u, a.seed, out)
    if out is not sys.stdout:
        out.close()
    print(f"wrote {n} triples for {a.universities} universities (seed {a.seed})", file=sys.stderr)


if __name__ == "__main__":
    main()
