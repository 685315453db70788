"""Real third-party clients (SPARQLWrapper, rdflib, requests), unmodified, against
`twingraph serve`: SPARQL 1.1 Protocol query and update, result formats, and the Graph
Store Protocol. Every test checks the actual values that come back."""

import json
from datetime import date
from decimal import Decimal
from urllib.parse import quote

import pytest
import requests
from rdflib import Dataset, Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, RDFS, XSD
from rdflib.plugins.stores.sparqlstore import SPARQLStore, SPARQLUpdateStore
from SPARQLWrapper import JSON, POST, POSTDIRECTLY, RDFXML, TURTLE, XML, SPARQLWrapper

EX = Namespace("https://example.org/city/")
GRAPH = "urn:test:clients:buildings"
PREFIXES = f"""PREFIX ex: <{EX}>
PREFIX rdfs: <{RDFS}>
PREFIX xsd: <{XSD}>
"""

INSERT = PREFIXES + f"""INSERT DATA {{ GRAPH <{GRAPH}> {{
  ex:townhall a ex:Building ;
      rdfs:label "Town Hall"@en , "Hôtel de ville"@fr ;
      ex:height "42.5"^^xsd:decimal ;
      ex:storeys 5 ;
      ex:built "1858-09-07"^^xsd:date ;
      ex:listed true .
  ex:library a ex:Building ;
      rdfs:label "Central Library"@en ;
      ex:height "12.0"^^xsd:decimal ;
      ex:storeys 3 ;
      ex:built "1990-05-01"^^xsd:date ;
      ex:listed false .
  ex:tower a ex:Building ;
      rdfs:label "Tower \\"A\\""@en ;
      ex:height "80.25"^^xsd:decimal ;
      ex:storeys 20 ;
      ex:built "2005-11-30"^^xsd:date ;
      ex:listed false .
}} }}"""

TRIPLES_IN_GRAPH = 3 * 6 + 1  # six statements per building, plus the town hall's French label


def wrapper(endpoint: str, query: str, fmt: str) -> SPARQLWrapper:
    w = SPARQLWrapper(endpoint)
    w.setQuery(query)
    w.setReturnFormat(fmt)
    return w


@pytest.fixture(scope="module")
def loaded(server):
    """The buildings inserted once with SPARQLWrapper (UPDATE over POST, URL-encoded form)."""
    w = SPARQLWrapper(server.sparql, updateEndpoint=server.update)
    w.setMethod(POST)
    w.setQuery(INSERT)
    result = w.query()
    assert 200 <= result.response.status < 300
    return server


def test_health(server):
    r = requests.get(f"{server.base}/health", timeout=10)
    assert r.status_code == 200


def test_update_and_count(loaded):
    w = wrapper(
        loaded.sparql,
        f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{GRAPH}> {{ ?s ?p ?o }} }}",
        JSON,
    )
    res = w.query()
    assert res.response.headers["Content-Type"].startswith("application/sparql-results+json")
    n = res.convert()["results"]["bindings"][0]["n"]
    assert n["type"] == "literal"
    assert n["datatype"] == str(XSD.integer)
    assert int(n["value"]) == TRIPLES_IN_GRAPH


def test_update_posted_directly(loaded):
    """application/sparql-update body (SPARQL 1.1 Protocol 2.2.2) on the /sparql endpoint."""
    g = "urn:test:clients:direct"
    w = SPARQLWrapper(loaded.sparql)
    w.setMethod(POST)
    w.setRequestMethod(POSTDIRECTLY)
    w.setQuery(f'INSERT DATA {{ GRAPH <{g}> {{ <urn:x:a> <urn:x:p> "direct"@en }} }}')
    assert 200 <= w.query().response.status < 300
    w = wrapper(loaded.query, f"SELECT ?o WHERE {{ GRAPH <{g}> {{ <urn:x:a> <urn:x:p> ?o }} }}", JSON)
    rows = w.query().convert()["results"]["bindings"]
    assert rows == [{"o": {"type": "literal", "value": "direct", "xml:lang": "en"}}]
    w = SPARQLWrapper(loaded.sparql)
    w.setMethod(POST)
    w.setRequestMethod(POSTDIRECTLY)
    w.setQuery(f"DROP GRAPH <{g}>")
    assert 200 <= w.query().response.status < 300


SELECT_LABELS = PREFIXES + f"""SELECT ?b ?label ?height WHERE {{ GRAPH <{GRAPH}> {{
  ?b a ex:Building ; rdfs:label ?label ; ex:height ?height . FILTER(lang(?label) = "en")
}} }} ORDER BY ?height"""


def test_select_json(loaded):
    res = wrapper(loaded.sparql, SELECT_LABELS, JSON).query()
    data = res.convert()
    assert data["head"]["vars"] == ["b", "label", "height"]
    rows = data["results"]["bindings"]
    assert [r["b"] for r in rows] == [
        {"type": "uri", "value": str(EX.library)},
        {"type": "uri", "value": str(EX.townhall)},
        {"type": "uri", "value": str(EX.tower)},
    ]
    assert [r["label"] for r in rows] == [
        {"type": "literal", "value": "Central Library", "xml:lang": "en"},
        {"type": "literal", "value": "Town Hall", "xml:lang": "en"},
        {"type": "literal", "value": 'Tower "A"', "xml:lang": "en"},
    ]
    assert all(r["height"]["datatype"] == str(XSD.decimal) for r in rows)
    assert [Decimal(r["height"]["value"]) for r in rows] == [
        Decimal("12.0"), Decimal("42.5"), Decimal("80.25")
    ]


def test_select_xml(loaded):
    res = wrapper(loaded.sparql, SELECT_LABELS, XML).query()
    assert res.response.headers["Content-Type"].startswith("application/sparql-results+xml")
    doc = res.convert()
    ns = "http://www.w3.org/2005/sparql-results#"
    assert [v.getAttribute("name") for v in doc.getElementsByTagNameNS(ns, "variable")] == [
        "b", "label", "height"
    ]
    rows = []
    for result in doc.getElementsByTagNameNS(ns, "result"):
        row = {}
        for binding in result.getElementsByTagNameNS(ns, "binding"):
            node = [c for c in binding.childNodes if c.nodeType == c.ELEMENT_NODE][0]
            row[binding.getAttribute("name")] = (
                node.localName,
                node.firstChild.data if node.firstChild else "",
                node.getAttribute("datatype") or None,
                node.getAttributeNS("http://www.w3.org/XML/1998/namespace", "lang") or None,
            )
        rows.append(row)
    assert [r["b"] for r in rows] == [
        ("uri", str(EX.library), None, None),
        ("uri", str(EX.townhall), None, None),
        ("uri", str(EX.tower), None, None),
    ]
    assert [r["label"] for r in rows] == [
        ("literal", "Central Library", None, "en"),
        ("literal", "Town Hall", None, "en"),
        ("literal", 'Tower "A"', None, "en"),
    ]
    assert [r["height"][2] for r in rows] == [str(XSD.decimal)] * 3
    assert [Decimal(r["height"][1]) for r in rows] == [
        Decimal("12.0"), Decimal("42.5"), Decimal("80.25")
    ]


@pytest.mark.parametrize(
    "pattern, expected",
    [
        ('ex:townhall rdfs:label "Hôtel de ville"@fr', True),
        ('ex:townhall rdfs:label "Hôtel de ville"@en', False),
        ("ex:tower ex:storeys 20", True),
        ('ex:tower ex:storeys "20"', False),
    ],
)
def test_ask_json(loaded, pattern, expected):
    q = PREFIXES + f"ASK {{ GRAPH <{GRAPH}> {{ {pattern} }} }}"
    assert wrapper(loaded.sparql, q, JSON).query().convert()["boolean"] is expected


def test_ask_xml(loaded):
    q = PREFIXES + f"ASK {{ GRAPH <{GRAPH}> {{ ex:library ex:listed false }} }}"
    doc = wrapper(loaded.sparql, q, XML).query().convert()
    booleans = doc.getElementsByTagNameNS("http://www.w3.org/2005/sparql-results#", "boolean")
    assert [b.firstChild.data for b in booleans] == ["true"]


CONSTRUCT = PREFIXES + f"""CONSTRUCT {{ ?b ex:height ?h ; ex:built ?d ; rdfs:label ?l }}
WHERE {{ GRAPH <{GRAPH}> {{ ?b ex:height ?h ; ex:built ?d ; rdfs:label ?l }} }}"""


def check_constructed(g: Graph):
    assert len(g) == 3 * 3 + 1
    assert g.value(EX.townhall, EX.height).datatype == XSD.decimal
    assert g.value(EX.townhall, EX.height).toPython() == Decimal("42.5")
    assert g.value(EX.tower, EX.built).toPython() == date(2005, 11, 30)
    assert set(g.objects(EX.townhall, RDFS.label)) == {
        Literal("Town Hall", lang="en"),
        Literal("Hôtel de ville", lang="fr"),
    }
    assert g.value(EX.tower, RDFS.label) == Literal('Tower "A"', lang="en")


def test_construct_turtle(loaded):
    res = wrapper(loaded.sparql, CONSTRUCT, TURTLE).query()
    assert res.response.headers["Content-Type"].startswith("text/turtle")
    g = Graph()
    g.parse(data=res.convert(), format="turtle")
    check_constructed(g)


def test_construct_rdfxml(loaded):
    """SPARQLWrapper's default: Accept header *and* `format=rdf+xml` (also `output`,
    `results`) query parameters; the answer is parsed by rdflib."""
    res = wrapper(loaded.sparql, CONSTRUCT, RDFXML).query()
    assert res.response.headers["Content-Type"].startswith("application/rdf+xml")
    check_constructed(res.convert())  # SPARQLWrapper parses RDF/XML with rdflib itself


def test_construct_rdfxml_content_negotiation_only(loaded):
    """The same with `setOnlyConneg(True)`: the format comes from the Accept header alone."""
    w = wrapper(loaded.sparql, CONSTRUCT, RDFXML)
    w.setOnlyConneg(True)
    res = w.query()
    assert res.response.headers["Content-Type"].startswith("application/rdf+xml")
    check_constructed(res.convert())


def test_filter_typed_literals_rdflib_sparqlstore(loaded):
    """rdflib's SPARQLStore: a union Dataset view (GRAPH in the query, no dataset
    parameters; a plain Dataset would send `default-graph-uri=urn:x-rdflib:default`,
    which by the protocol leaves no named graph to match)."""
    ds = Dataset(
        store=SPARQLStore(query_endpoint=loaded.sparql, returnFormat="json"), default_union=True
    )
    rows = list(
        ds.query(
            PREFIXES
            + f"""SELECT ?b ?h ?d ?n WHERE {{ GRAPH <{GRAPH}> {{
                ?b ex:height ?h ; ex:built ?d ; ex:storeys ?n ; ex:listed ?listed .
                FILTER(?h > 40.0 && ?d < "2000-01-01"^^xsd:date && ?n >= 5 && ?listed = true)
            }} }}"""
        )
    )
    assert [(r.b, r.h.toPython(), r.d.toPython(), r.n.toPython()) for r in rows] == [
        (EX.townhall, Decimal("42.5"), date(1858, 9, 7), 5)
    ]


def test_filter_typed_literals_default_graph_uri(loaded):
    """rdflib Graph bound to one graph: it sends `default-graph-uri` (SPARQL 1.1 Protocol)
    and no GRAPH clause; the XML results are parsed by rdflib."""
    g = Graph(store=SPARQLStore(query_endpoint=loaded.sparql), identifier=URIRef(GRAPH))
    rows = list(
        g.query(
            PREFIXES
            + """SELECT ?b ?h WHERE { ?b ex:height ?h ; ex:built ?d
                FILTER(?h >= "12"^^xsd:integer && year(?d) > 1900) } ORDER BY DESC(?h)"""
        )
    )
    assert [(r.b, r.h.datatype, r.h.toPython()) for r in rows] == [
        (EX.tower, XSD.decimal, Decimal("80.25")),
        (EX.library, XSD.decimal, Decimal("12")),
    ]
    assert len(g) == TRIPLES_IN_GRAPH


def test_rdflib_sparqlupdatestore_roundtrip(loaded):
    """rdflib's own Graph API: add / len / triples / remove through SPARQLUpdateStore
    (INSERT DATA / DELETE DATA, and `default-graph-uri` on queries)."""
    gname = URIRef("urn:test:clients:rdflib")
    store = SPARQLUpdateStore(query_endpoint=loaded.sparql, update_endpoint=loaded.update)
    g = Graph(store=store, identifier=gname)
    g.add((EX.sensor1, RDF.type, EX.Sensor))
    g.add((EX.sensor1, EX.lastValue, Literal(Decimal("21.75"))))
    g.add((EX.sensor1, EX.observes, Literal("température", lang="fr")))
    assert len(g) == 3
    assert g.value(EX.sensor1, EX.lastValue) == Literal(Decimal("21.75"))
    assert set(g.objects(EX.sensor1, EX.observes)) == {Literal("température", lang="fr")}
    rows = list(
        g.query(f"SELECT ?v WHERE {{ <{EX.sensor1}> <{EX.lastValue}> ?v FILTER(?v > 20) }}")
    )
    assert [r.v.toPython() for r in rows] == [Decimal("21.75")]
    # rdflib wraps the update's data blocks in GRAPH <gname> itself
    g.update(f'INSERT DATA {{ <{EX.sensor1}> <{EX.unit}> "Cel" }}')
    assert len(g) == 4
    g.remove((EX.sensor1, None, None))
    assert len(g) == 0
    store.close()


# ---- Graph Store Protocol (SPARQL 1.1 Graph Store HTTP Protocol) with plain requests ----

GSP_GRAPH = "urn:test:clients:gsp"
GSP_TURTLE = """@prefix ex: <https://example.org/city/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:meter7 a ex:Meter ;
    ex:reading "1234.5"^^xsd:decimal ;
    ex:readAt "2025-06-01T12:00:00Z"^^xsd:dateTime ;
    ex:label "Zähler 7"@de .
"""


def gsp_url(server, graph: str) -> str:
    return f"{server.gsp}?graph={quote(graph, safe='')}"


def test_graph_store_put_get_delete(server):
    url = gsp_url(server, GSP_GRAPH)
    r = requests.put(url, data=GSP_TURTLE.encode(), headers={"Content-Type": "text/turtle"}, timeout=30)
    assert r.status_code in (200, 201, 204), r.text

    r = requests.get(url, headers={"Accept": "text/turtle"}, timeout=30)
    assert r.status_code == 200, r.text
    assert r.headers["Content-Type"].startswith("text/turtle")
    got = Graph().parse(data=r.content, format="turtle")  # Turtle is UTF-8 by definition
    assert isomorphic(got, Graph().parse(data=GSP_TURTLE, format="turtle"))
    assert got.value(EX.meter7, EX.label) == Literal("Zähler 7", lang="de")
    assert got.value(EX.meter7, EX.reading).toPython() == Decimal("1234.5")

    r = requests.get(url, headers={"Accept": "application/n-triples"}, timeout=30)
    assert r.status_code == 200
    assert r.headers["Content-Type"].startswith("application/n-triples")
    assert isomorphic(Graph().parse(data=r.content, format="nt"), got)

    # the graph is visible to SPARQL too
    q = f"SELECT ?v WHERE {{ GRAPH <{GSP_GRAPH}> {{ ?m <{EX.reading}> ?v }} }}"
    data = wrapper(server.sparql, q, JSON).query().convert()
    assert [b["v"]["value"] for b in data["results"]["bindings"]] == ["1234.5"]

    # PUT again replaces, it does not append
    r = requests.put(
        url,
        data=f"<{EX.meter7}> <{EX.reading}> \"1.0\"^^<{XSD.decimal}> .\n".encode(),
        headers={"Content-Type": "application/n-triples"},
        timeout=30,
    )
    assert r.status_code in (200, 201, 204), r.text
    r = requests.get(url, headers={"Accept": "application/n-triples"}, timeout=30)
    assert len(Graph().parse(data=r.text, format="nt")) == 1

    r = requests.delete(url, timeout=30)
    assert r.status_code in (200, 204), r.text
    r = requests.get(url, headers={"Accept": "text/turtle"}, timeout=30)
    assert r.status_code == 404


def test_text_rdf_answers_declare_utf8(server):
    """`requests` (like most HTTP clients) decodes a text/* body without a charset parameter
    as ISO-8859-1 (RFC 2616 default), so `r.text` of a Turtle answer without
    `charset=utf-8` turns "Zähler" into "ZÃ¤hler"."""
    graph = "urn:test:clients:charset"
    url = gsp_url(server, graph)
    r = requests.put(url, data=GSP_TURTLE.encode(), headers={"Content-Type": "text/turtle"}, timeout=30)
    assert r.status_code in (200, 201, 204), r.text
    try:
        r = requests.get(url, headers={"Accept": "text/turtle"}, timeout=30)
        assert r.status_code == 200
        assert "Zähler 7" in r.text, f"Content-Type: {r.headers['Content-Type']!r}"
        q = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
        r = requests.get(server.sparql, params={"query": q}, headers={"Accept": "text/turtle"}, timeout=30)
        assert r.status_code == 200
        assert "Zähler 7" in r.text, f"Content-Type: {r.headers['Content-Type']!r}"
    finally:
        requests.delete(url, timeout=30)


def test_graph_store_post_appends(server):
    graph = "urn:test:clients:gsp-post"
    url = gsp_url(server, graph)
    for i in range(2):
        r = requests.post(
            url,
            data=f'<{EX.meter8}> <{EX.reading}> "{i}"^^<{XSD.integer}> .\n'.encode(),
            headers={"Content-Type": "application/n-triples"},
            timeout=30,
        )
        assert r.status_code in (200, 201, 204), r.text
    r = requests.get(url, headers={"Accept": "application/n-triples"}, timeout=30)
    got = Graph().parse(data=r.text, format="nt")
    assert sorted(o.toPython() for o in got.objects(EX.meter8, EX.reading)) == [0, 1]
    assert requests.delete(url, timeout=30).status_code in (200, 204)


def test_results_json_is_plain_json(loaded):
    """`Accept: application/sparql-results+json` with a bare `requests` GET."""
    r = requests.get(
        loaded.sparql,
        params={"query": f"ASK {{ GRAPH <{GRAPH}> {{ ?s ?p ?o }} }}"},
        headers={"Accept": "application/sparql-results+json"},
        timeout=30,
    )
    assert r.status_code == 200
    assert json.loads(r.text)["boolean"] is True
