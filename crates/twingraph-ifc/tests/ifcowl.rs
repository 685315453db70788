//! The `--ifcowl` output: the whole file as ifcOWL, in the IFC2X3_TC1 / IFC4_ADD2
//! namespaces, with wrapped values, lists and enumeration individuals.

mod common;

use common::*;
use oxigraph::model::{Term, Triple};
use twingraph_ifc::ImportOptions;

const IFC4: &str = "http://www.buildingsmart-tech.org/ifcOWL/IFC4_ADD2#";
const IFC2X3: &str = "http://www.buildingsmart-tech.org/ifcOWL/IFC2X3_TC1#";
const EXPRESS: &str = "https://w3id.org/express#";
const LIST: &str = "https://w3id.org/list#";

fn with_ifcowl() -> ImportOptions {
    ImportOptions {
        ifcowl: true,
        ..ImportOptions::default()
    }
}

/// The single object of `<s> <p> ?o` for a full subject IRI.
fn one<'a>(t: &'a [Triple], s: &str, p: &str) -> &'a Term {
    let o: Vec<&Term> = t
        .iter()
        .filter(|x| x.subject.to_string() == format!("<{s}>") && x.predicate.as_str() == p)
        .map(|x| &x.object)
        .collect();
    assert_eq!(o.len(), 1, "{s} {p}: {o:?}");
    o[0]
}

fn iri_of(t: &Term) -> String {
    match t {
        Term::NamedNode(n) => n.as_str().to_owned(),
        other => panic!("not an IRI: {other}"),
    }
}

fn lexical(t: &Term) -> (String, String) {
    match t {
        Term::Literal(l) => (l.value().to_owned(), l.datatype().as_str().to_owned()),
        other => panic!("not a literal: {other}"),
    }
}

/// The items of an ifcOWL list from its head, each the object of `list:hasContents`.
fn items(t: &[Triple], head: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut node = Some(head.to_owned());
    while let Some(n) = node {
        out.push(iri_of(one(t, &n, &format!("{LIST}hasContents"))));
        node = t
            .iter()
            .find(|x| {
                x.subject.to_string() == format!("<{n}>")
                    && x.predicate.as_str() == format!("{LIST}hasNext")
            })
            .map(|x| iri_of(&x.object));
    }
    out
}

#[test]
fn fzk_haus_ifc4_as_ifcowl() {
    let Some(dir) = samples() else { return };
    let path = dir.join("AC20-FZK-Haus.ifc");
    let plain = import(&path);
    let imp = import_with(&path, &with_ifcowl());
    let s = &imp.summary;
    let t = &imp.triples;
    // The BOT mapping is unchanged; the ifcOWL graph comes on top.
    assert_eq!(s.triples, plain.summary.triples + s.ifcowl_triples);
    let inst = "https://w3id.org/twingraph/id/ifc/2f886645-7b52-4074-a6b1-c71486eb7c65/ifcowl/";
    // One rdf:type per instance (all 44,249 are IFC4 entities).
    let typed = t
        .iter()
        .filter(|x| {
            x.predicate.as_str() == RDF_TYPE
                && x.subject.to_string().starts_with(&format!("<{inst}Ifc"))
                && x.subject.to_string().split('_').count() == 2
        })
        .count();
    assert_eq!(typed, s.entities);
    // 44,249 entities give about ten triples each.
    assert!(
        (300_000..600_000).contains(&s.ifcowl_triples),
        "{}",
        s.ifcowl_triples
    );
    assert!(s.warnings.is_empty(), "{:?}", s.warnings);
    // The ontology header.
    assert_eq!(
        iri_of(one(t, inst, "http://www.w3.org/2002/07/owl#imports")),
        "http://www.buildingsmart-tech.org/ifcOWL/IFC4_ADD2"
    );
    // #15042= IFCWALLSTANDARDCASE('2XPyKWY018sA1ygZKgQPtU',#12,'Wand-Int-ERDG-4',…)
    let wall = format!("{inst}IfcWallStandardCase_15042");
    assert_eq!(
        iri_of(one(t, &wall, RDF_TYPE)),
        format!("{IFC4}IfcWallStandardCase")
    );
    let name = iri_of(one(t, &wall, &format!("{IFC4}name_IfcRoot")));
    assert_eq!(iri_of(one(t, &name, RDF_TYPE)), format!("{IFC4}IfcLabel"));
    assert_eq!(
        lexical(one(t, &name, &format!("{EXPRESS}hasString"))),
        (
            "Wand-Int-ERDG-4".into(),
            "http://www.w3.org/2001/XMLSchema#string".into()
        )
    );
    let gid = iri_of(one(t, &wall, &format!("{IFC4}globalId_IfcRoot")));
    assert_eq!(
        lexical(one(t, &gid, &format!("{EXPRESS}hasString"))).0,
        "2XPyKWY018sA1ygZKgQPtU"
    );
    // A reference points to the instance.
    assert_eq!(
        iri_of(one(t, &wall, &format!("{IFC4}ownerHistory_IfcRoot"))),
        format!("{inst}IfcOwnerHistory_12")
    );
}

#[test]
fn open_house_lists_and_enumerations() {
    let Some(dir) = samples() else { return };
    let imp = import_with(&dir.join("IfcOpenHouse_IFC4.ifc"), &with_ifcowl());
    let t = &imp.triples;
    let inst = format!(
        "https://w3id.org/twingraph/id/ifc/{}/ifcowl/",
        imp.summary.project_slug
    );
    // #189=IFCSLAB(…,.ROOF.): an enumeration individual.
    let slab = format!("{inst}IfcSlab_189");
    assert_eq!(
        iri_of(one(t, &slab, &format!("{IFC4}predefinedType_IfcSlab"))),
        format!("{IFC4}ROOF")
    );
    // #2441=IFCDOOR(…,2200.,1000.,.DOOR.,.SINGLE_SWING_LEFT.,$): a positive length.
    let door = format!("{inst}IfcDoor_2441");
    let h = iri_of(one(t, &door, &format!("{IFC4}overallHeight_IfcDoor")));
    assert_eq!(
        iri_of(one(t, &h, RDF_TYPE)),
        format!("{IFC4}IfcPositiveLengthMeasure")
    );
    assert_eq!(
        lexical(one(t, &h, &format!("{EXPRESS}hasDouble"))),
        (
            "2200".into(),
            "http://www.w3.org/2001/XMLSchema#double".into()
        )
    );
    // Every IfcCartesianPoint has a list of IfcLengthMeasure coordinates.
    let point = t
        .iter()
        .find(|x| {
            x.predicate.as_str() == RDF_TYPE
                && x.object.to_string() == format!("<{IFC4}IfcCartesianPoint>")
        })
        .map(|x| x.subject.to_string())
        .unwrap();
    let point = point.trim_matches(['<', '>']);
    let head = iri_of(one(
        t,
        point,
        &format!("{IFC4}coordinates_IfcCartesianPoint"),
    ));
    assert_eq!(
        iri_of(one(t, &head, RDF_TYPE)),
        format!("{IFC4}IfcLengthMeasure_List")
    );
    let coords = items(t, &head);
    assert!((2..=3).contains(&coords.len()));
    for c in &coords {
        assert_eq!(
            iri_of(one(t, c, RDF_TYPE)),
            format!("{IFC4}IfcLengthMeasure")
        );
        lexical(one(t, c, &format!("{EXPRESS}hasDouble")));
    }
}

#[test]
fn sample_entities_ifc2x3_as_ifcowl() {
    let Some(dir) = samples() else { return };
    let imp = import_with(&dir.join("Sample_entities.ifc"), &with_ifcowl());
    let t = &imp.triples;
    let inst = format!(
        "https://w3id.org/twingraph/id/ifc/{}/ifcowl/",
        imp.summary.project_slug
    );
    // #37 = IFCSITE(…, .ELEMENT., (53, 27, 52, 270202), …): a defined type that is a list.
    let site = format!("{inst}IfcSite_37");
    assert_eq!(iri_of(one(t, &site, RDF_TYPE)), format!("{IFC2X3}IfcSite"));
    assert_eq!(
        iri_of(one(
            t,
            &site,
            &format!("{IFC2X3}compositionType_IfcSpatialStructureElement")
        )),
        format!("{IFC2X3}ELEMENT")
    );
    let head = iri_of(one(t, &site, &format!("{IFC2X3}refLatitude_IfcSite")));
    assert_eq!(
        iri_of(one(t, &head, RDF_TYPE)),
        format!("{IFC2X3}IfcCompoundPlaneAngleMeasure")
    );
    let values: Vec<String> = items(t, &head)
        .iter()
        .map(|i| {
            assert_eq!(iri_of(one(t, i, RDF_TYPE)), format!("{EXPRESS}INTEGER"));
            lexical(one(t, i, &format!("{EXPRESS}hasInteger"))).0
        })
        .collect();
    assert_eq!(values, ["53", "27", "52", "270202"]);
    let typed = t
        .iter()
        .filter(|x| {
            x.predicate.as_str() == RDF_TYPE
                && x.object.to_string().starts_with(&format!("<{IFC2X3}"))
                && x.subject.to_string().split('_').count() == 2
        })
        .count();
    assert_eq!(typed, imp.summary.entities);
}

#[test]
fn invalid_enumeration_value_is_reported_not_written() {
    // The district file's IFCPOSTALADDRESS(.RESIDENTIAL.,…): not an IfcAddressTypeEnum item.
    let imp = import_with(&district().join("uprn-100070040310.ifc"), &with_ifcowl());
    assert!(
        imp.summary
            .warnings
            .iter()
            .any(|w| w.contains("ifcOWL: 1 value(s)") && w.contains("RESIDENTIAL")),
        "{:?}",
        imp.summary.warnings
    );
    assert!(
        !imp.triples
            .iter()
            .any(|x| x.object.to_string().ends_with("#RESIDENTIAL>"))
    );
    assert!(imp.summary.ifcowl_triples > 900);
}

#[test]
fn ifc4x3_sets_lists_of_lists_selects_and_skips() {
    let text = "ISO-10303-21;
HEADER;
FILE_DESCRIPTION((''),'2;1');
FILE_NAME('t.ifc','2025-01-01T00:00:00',(''),(''),'','','');
FILE_SCHEMA(('IFC4X3_ADD2'));
ENDSEC;
DATA;
#1=IFCPROJECT('2Iicv0RnfAVPda6Sg4SE78',$,'P',$,$,$,$,$,$);
#2=IFCWALL('3Slv71jD5icvb52aaFFaQy',$,'W',$,$,$,$,$,.SOLIDWALL.);
#3=IFCPROPERTYSINGLEVALUE('IsExternal',$,IFCBOOLEAN(.T.),$);
#4=IFCPROPERTYSET('0SUQlpSqmXSojQYIAjkaWP',$,'Pset_WallCommon',$,(#3,#3,#9));
#5=IFCRELDEFINESBYPROPERTIES('1UoZwG9zQefobbkAAC5gRP',$,$,$,(#2),#4);
#6=IFCSOMETHINGNEW(1);
#7=(IFCA(1)IFCB(2));
#8=IFCCARTESIANPOINTLIST3D(((0.,0.,0.),(1.5,0.,2.E-3)),$);
#9=IFCPROPERTYSINGLEVALUE('Checked',$,IFCLOGICAL(.U.),$);
ENDSEC;
END-ISO-10303-21;
";
    let imp = twingraph_ifc::read(text.as_bytes(), &with_ifcowl()).unwrap();
    let t = &imp.triples;
    let ns = "https://w3id.org/ifc/IFC4X3_ADD2#";
    let inst = "https://w3id.org/twingraph/id/ifc/92b26e40-6f1a-4a7d-99e4-19ca8470e1c8/ifcowl/";
    let wall = format!("{inst}IfcWall_2");
    assert_eq!(iri_of(one(t, &wall, RDF_TYPE)), format!("{ns}IfcWall"));
    assert_eq!(
        iri_of(one(t, &wall, &format!("{ns}predefinedType_IfcWall"))),
        format!("{ns}SOLIDWALL")
    );
    // (#3,#3,#9) is a SET: two values.
    let pset = format!("{inst}IfcPropertySet_4");
    let has = t
        .iter()
        .filter(|x| {
            x.subject.to_string() == format!("<{pset}>")
                && x.predicate.as_str() == format!("{ns}hasProperties_IfcPropertySet")
        })
        .count();
    assert_eq!(has, 2);
    // Select values keep the type written in the file.
    let v = iri_of(one(
        t,
        &format!("{inst}IfcPropertySingleValue_3"),
        &format!("{ns}nominalValue_IfcPropertySingleValue"),
    ));
    assert_eq!(iri_of(one(t, &v, RDF_TYPE)), format!("{ns}IfcBoolean"));
    assert_eq!(
        lexical(one(t, &v, &format!("{EXPRESS}hasBoolean"))),
        (
            "true".into(),
            "http://www.w3.org/2001/XMLSchema#boolean".into()
        )
    );
    let v = iri_of(one(
        t,
        &format!("{inst}IfcPropertySingleValue_9"),
        &format!("{ns}nominalValue_IfcPropertySingleValue"),
    ));
    assert_eq!(iri_of(one(t, &v, RDF_TYPE)), format!("{ns}IfcLogical"));
    assert_eq!(
        iri_of(one(t, &v, &format!("{EXPRESS}hasLogical"))),
        format!("{EXPRESS}UNKNOWN")
    );
    // A list of lists.
    let head = iri_of(one(
        t,
        &format!("{inst}IfcCartesianPointList3D_8"),
        &format!("{ns}coordList_IfcCartesianPointList3D"),
    ));
    assert_eq!(
        iri_of(one(t, &head, RDF_TYPE)),
        format!("{ns}IfcLengthMeasure_List_List")
    );
    let rows = items(t, &head);
    assert_eq!(rows.len(), 2);
    assert_eq!(
        iri_of(one(t, &rows[1], RDF_TYPE)),
        format!("{ns}IfcLengthMeasure_List")
    );
    let second: Vec<String> = items(t, &rows[1])
        .iter()
        .map(|c| lexical(one(t, c, &format!("{EXPRESS}hasDouble"))).0)
        .collect();
    assert_eq!(second, ["1.5", "0", "0.002"]);
    // The unknown entity and the complex instance are skipped, with a warning.
    assert!(
        imp.summary
            .warnings
            .iter()
            .any(|w| w.starts_with("ifcOWL: 2 instance(s)")),
        "{:?}",
        imp.summary.warnings
    );
    assert!(!t.iter().any(|x| x.subject.to_string().contains("_6>")));
}
