//! Bad input: each error names the file and the element, and nothing is returned.

mod common;

use common::{cgmes_dir, xml_files};
use twingraph_cim::{CimError, CimOptions, Source, read_files, read_sources};

const CIM16: &str = "http://iec.ch/TC57/2013/CIM-schema-cim16#";
const CIM100: &str = "http://iec.ch/TC57/CIM100#";

fn doc(
    name: &str,
    cim: &str,
    model: &str,
    profile: &str,
    header_extra: &str,
    body: &str,
) -> Source {
    let xml = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<rdf:RDF xmlns:cim="{cim}" xmlns:md="http://iec.ch/TC57/61970-552/ModelDescription/1#" xmlns:dm="http://iec.ch/TC57/61970-552/DifferenceModel/1#" xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <md:FullModel rdf:about="{model}">
    <md:Model.profile>{profile}</md:Model.profile>
    {header_extra}
  </md:FullModel>
{body}
</rdf:RDF>
"#
    );
    Source {
        name: name.to_owned(),
        data: xml.into_bytes(),
    }
}

const EQ: &str = "http://entsoe.eu/CIM/EquipmentCore/3/1";
const TP: &str = "http://entsoe.eu/CIM/Topology/4/1";

fn breaker() -> &'static str {
    r##"  <cim:Breaker rdf:ID="_b1"><cim:IdentifiedObject.name>B1</cim:IdentifiedObject.name></cim:Breaker>"##
}

#[test]
fn missing_dependency_names_file_line_and_model() {
    let tp = doc(
        "tp.xml",
        CIM16,
        "urn:uuid:tp",
        TP,
        r#"<md:Model.DependentOn rdf:resource="urn:uuid:eq-missing"/>"#,
        "",
    );
    let err = read_sources(vec![tp.clone()], &CimOptions::default()).unwrap_err();
    assert!(matches!(err, CimError::MissingDependency { .. }), "{err:?}");
    let msg = err.to_string();
    assert!(msg.starts_with("tp.xml:5:"), "{msg}");
    assert!(
        msg.contains("urn:uuid:eq-missing") && msg.contains("md:Model.DependentOn"),
        "{msg}"
    );
    // allowed by option
    let ok = read_sources(
        vec![tp],
        &CimOptions {
            allow_missing_dependencies: true,
            ..CimOptions::default()
        },
    )
    .unwrap();
    assert_eq!(
        ok.models[0].dependent_on,
        vec!["urn:uuid:eq-missing".to_owned()]
    );
}

#[test]
fn missing_dependency_in_the_microgrid() {
    let Some(root) = cgmes_dir() else {
        println!("SKIPPED: shared data not found");
        return;
    };
    // BE without the boundary set it depends on
    let files = xml_files(&root.join("microgrid/cimxml/BaseCase_BC/BE_v2"));
    let err = read_files(&files, &CimOptions::default()).unwrap_err();
    let msg = err.to_string();
    assert!(msg.contains("names <urn:uuid:2399cbd"), "{msg}");
    assert!(msg.contains("MicroGridTestConfiguration_BC_BE_"), "{msg}");
}

#[test]
fn difference_model_without_its_base() {
    let diff = Source {
        name: "diff.xml".to_owned(),
        data: format!(
            r##"<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:cim="{CIM16}" xmlns:md="http://iec.ch/TC57/61970-552/ModelDescription/1#" xmlns:dm="http://iec.ch/TC57/61970-552/DifferenceModel/1#">
<dm:DifferenceModel rdf:about="urn:uuid:d1">
<md:Model.Supersedes rdf:resource="urn:uuid:base-absent"/>
<md:Model.profile>{EQ}</md:Model.profile>
<dm:reverseDifferences parseType="Statements"/>
<dm:forwardDifferences parseType="Statements"><rdf:Description rdf:about="#_b1"><cim:IdentifiedObject.name>x</cim:IdentifiedObject.name></rdf:Description></dm:forwardDifferences>
</dm:DifferenceModel>
</rdf:RDF>"##
        )
        .into_bytes(),
    };
    let err = read_sources(vec![diff], &CimOptions::default()).unwrap_err();
    assert!(matches!(err, CimError::MissingBase { .. }), "{err:?}");
    let msg = err.to_string();
    assert!(msg.starts_with("diff.xml:3:"), "{msg}");
    assert!(
        msg.contains("urn:uuid:base-absent") && msg.contains("md:Model.Supersedes"),
        "{msg}"
    );
}

#[test]
fn difference_model_applied() {
    let base = doc("eq.xml", CIM16, "urn:uuid:eq", EQ, "", breaker());
    let diff = Source {
        name: "diff.xml".to_owned(),
        data: format!(
            r##"<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:cim="{CIM16}" xmlns:md="http://iec.ch/TC57/61970-552/ModelDescription/1#" xmlns:dm="http://iec.ch/TC57/61970-552/DifferenceModel/1#">
<dm:DifferenceModel rdf:about="urn:uuid:d1">
<md:Model.Supersedes rdf:resource="urn:uuid:eq"/>
<md:Model.profile>http://iec.ch/TC57/61970-552/DifferenceModel/1</md:Model.profile>
<md:Model.profile>{EQ}</md:Model.profile>
<dm:reverseDifferences parseType="Statements"><rdf:Description rdf:about="#_b1"><cim:IdentifiedObject.name>B1</cim:IdentifiedObject.name></rdf:Description></dm:reverseDifferences>
<dm:forwardDifferences parseType="Statements"><rdf:Description rdf:about="#_b1"><cim:IdentifiedObject.name>B2</cim:IdentifiedObject.name></rdf:Description></dm:forwardDifferences>
</dm:DifferenceModel>
</rdf:RDF>"##
        )
        .into_bytes(),
    };
    let import = read_sources(vec![diff, base], &CimOptions::default()).unwrap();
    let names: Vec<String> = import
        .quads
        .iter()
        .filter(|q| q.predicate.as_str().ends_with("IdentifiedObject.name"))
        .map(|q| format!("{} {} {}", q.subject, q.object, q.graph_name))
        .collect();
    assert_eq!(names, vec!["<urn:uuid:b1> \"B2\" <urn:uuid:eq>"]);
    let d = import
        .models
        .iter()
        .find(|m| m.model.as_str() == "urn:uuid:d1")
        .unwrap();
    assert_eq!(d.graph.as_str(), "urn:uuid:eq");
    let stats = d.difference.as_ref().unwrap();
    assert_eq!((stats.removed, stats.added), (1, 1));
    // the difference model's header is metadata, not data
    assert!(
        import
            .quads
            .iter()
            .all(|q| q.subject.to_string() != "<urn:uuid:d1>")
    );
    assert!(
        import
            .metadata
            .iter()
            .any(|t| t.subject.to_string() == "<urn:uuid:d1>"
                && t.object.to_string().ends_with("DifferenceModel>"))
    );
}

#[test]
fn mixed_cim_versions() {
    let a = doc("a.xml", CIM16, "urn:uuid:a", EQ, "", breaker());
    let b = doc(
        "b.xml",
        CIM100,
        "urn:uuid:b",
        "http://iec.ch/TC57/ns/CIM/CoreEquipment-EU/3.0",
        "",
        breaker(),
    );
    let err = read_sources(vec![a, b], &CimOptions::default()).unwrap_err();
    assert!(matches!(err, CimError::MixedVersions { .. }), "{err:?}");
    let msg = err.to_string();
    assert!(msg.contains("a.xml") && msg.contains("b.xml"), "{msg}");
    assert!(
        msg.contains("CGMES 2.4.15") && msg.contains("CGMES 3.0"),
        "{msg}"
    );
}

#[test]
fn unsupported_cim_namespace() {
    let a = doc(
        "old.xml",
        "http://iec.ch/TC57/2009/CIM-schema-cim14#",
        "urn:uuid:a",
        EQ,
        "",
        breaker(),
    );
    let msg = read_sources(vec![a], &CimOptions::default())
        .unwrap_err()
        .to_string();
    assert!(
        msg.starts_with("old.xml:") && msg.contains("cim14"),
        "{msg}"
    );
}

#[test]
fn unknown_profile() {
    let a = doc(
        "x.xml",
        CIM16,
        "urn:uuid:a",
        "http://example.org/MyProfile/1",
        "",
        breaker(),
    );
    let err = read_sources(vec![a.clone()], &CimOptions::default()).unwrap_err();
    assert!(matches!(err, CimError::UnknownProfile { .. }), "{err:?}");
    let msg = err.to_string();
    assert!(msg.starts_with("x.xml:4:"), "{msg}");
    assert!(
        msg.contains("http://example.org/MyProfile/1") && msg.contains("md:Model.profile"),
        "{msg}"
    );
    let ok = read_sources(
        vec![a],
        &CimOptions {
            allow_unknown_profiles: true,
            ..CimOptions::default()
        },
    )
    .unwrap();
    assert_eq!(ok.models[0].profile, twingraph_cim::Profile::Other);
}

#[test]
fn malformed_xml_gives_file_line_column_element() {
    let bad = doc(
        "bad.xml",
        CIM16,
        "urn:uuid:a",
        EQ,
        "",
        "  <cim:Breaker rdf:ID=\"_b1\">\n    <cim:IdentifiedObject.name>B1</cim:IdentifiedObject.nam>\n  </cim:Breaker>",
    );
    let err = read_sources(vec![bad], &CimOptions::default()).unwrap_err();
    let CimError::Syntax {
        file,
        position,
        element,
        ..
    } = &err
    else {
        panic!("{err:?}")
    };
    assert_eq!(file, "bad.xml");
    assert_eq!(position.line, 8, "{err}");
    assert!(position.column > 1, "{err}");
    assert_eq!(
        element.as_deref(),
        Some("cim:IdentifiedObject.name"),
        "{err}"
    );

    let unclosed = doc(
        "cut.xml",
        CIM16,
        "urn:uuid:a",
        EQ,
        "",
        "  <cim:Breaker rdf:ID=\"_b1\">",
    );
    let mut data = unclosed.data;
    let keep = String::from_utf8(data.clone())
        .unwrap()
        .find("</rdf:RDF>")
        .unwrap();
    data.truncate(keep);
    let err = read_sources(
        vec![Source {
            name: "cut.xml".into(),
            data,
        }],
        &CimOptions::default(),
    )
    .unwrap_err()
    .to_string();
    assert!(
        err.starts_with("cut.xml:") && err.contains("cim:Breaker"),
        "{err}"
    );

    let not_rdf = Source {
        name: "x.xml".into(),
        data: b"<html><body/></html>".to_vec(),
    };
    let err = read_sources(vec![not_rdf], &CimOptions::default())
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("x.xml:1:1:") && err.contains("rdf:RDF"),
        "{err}"
    );
}

#[test]
fn no_header_and_duplicate_models() {
    let headerless = Source {
        name: "h.xml".into(),
        data: format!("<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns:cim=\"{CIM16}\">{}</rdf:RDF>", breaker()).into_bytes(),
    };
    let msg = read_sources(vec![headerless], &CimOptions::default())
        .unwrap_err()
        .to_string();
    assert!(
        msg.starts_with("h.xml:") && msg.contains("md:FullModel"),
        "{msg}"
    );
    let a = doc("a.xml", CIM16, "urn:uuid:a", EQ, "", breaker());
    let b = doc("b.xml", CIM16, "urn:uuid:a", EQ, "", "");
    let msg = read_sources(vec![a, b], &CimOptions::default())
        .unwrap_err()
        .to_string();
    assert!(
        msg.contains("urn:uuid:a") && msg.contains("a.xml") && msg.contains("b.xml"),
        "{msg}"
    );
}

#[test]
fn zip_archives_read_like_the_files_inside() {
    use std::io::Write;
    let a = doc("eq.xml", CIM16, "urn:uuid:eq", EQ, "", breaker());
    let b = doc(
        "tp.xml",
        CIM16,
        "urn:uuid:tp",
        TP,
        r#"<md:Model.DependentOn rdf:resource="urn:uuid:eq"/>"#,
        "",
    );
    let dir = std::env::temp_dir().join(format!("twingraph-cim-zip-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("set.zip");
    {
        let f = std::fs::File::create(&path).unwrap();
        let mut z = zip::ZipWriter::new(f);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for s in [&a, &b] {
            z.start_file(&s.name, opts).unwrap();
            z.write_all(&s.data).unwrap();
        }
        z.start_file("README.txt", opts).unwrap();
        z.write_all(b"not CIM").unwrap();
        z.finish().unwrap();
    }
    let from_zip = read_files(std::slice::from_ref(&path), &CimOptions::default()).unwrap();
    let direct = read_sources(vec![a, b], &CimOptions::default()).unwrap();
    assert_eq!(from_zip.quads, direct.quads);
    assert_eq!(
        from_zip.models[0].file,
        format!("{}!eq.xml", path.display())
    );
    assert_eq!(from_zip.summary.models, 2);
    std::fs::write(dir.join("broken.zip"), b"PK\x03\x04garbage").unwrap();
    let msg = read_files(&[dir.join("broken.zip")], &CimOptions::default())
        .unwrap_err()
        .to_string();
    assert!(msg.contains("broken.zip"), "{msg}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn cgmes_3_difference_model_property_names() {
    let base = doc(
        "eq3.xml",
        CIM100,
        "urn:uuid:eq3",
        "http://iec.ch/TC57/ns/CIM/CoreEquipment-EU/3.0",
        "",
        breaker(),
    );
    let diff = Source {
        name: "diff3.xml".to_owned(),
        data: format!(
            r##"<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:cim="{CIM100}" xmlns:md="http://iec.ch/TC57/61970-552/ModelDescription/1#" xmlns:dm="http://iec.ch/TC57/61970-552/DifferenceModel/1#">
<dm:DifferenceModel rdf:about="urn:uuid:d3">
<md:Model.Supersedes rdf:resource="urn:uuid:eq3"/>
<md:Model.profile>http://iec.ch/TC57/ns/CIM/CoreEquipment-EU/3.0</md:Model.profile>
<dm:DifferenceModel.reverseDifferences rdf:parseType="Statements"><rdf:Description rdf:about="#_b1"><cim:IdentifiedObject.name>B1</cim:IdentifiedObject.name></rdf:Description></dm:DifferenceModel.reverseDifferences>
<dm:DifferenceModel.forwardDifferences rdf:parseType="Statements"><rdf:Description rdf:about="#_b1"><cim:IdentifiedObject.name>B3</cim:IdentifiedObject.name></rdf:Description></dm:DifferenceModel.forwardDifferences>
</dm:DifferenceModel>
</rdf:RDF>"##
        )
        .into_bytes(),
    };
    let import = read_sources(vec![base, diff], &CimOptions::default()).unwrap();
    let names: Vec<String> = import
        .quads
        .iter()
        .filter(|q| q.predicate.as_str().ends_with("IdentifiedObject.name"))
        .map(|q| q.object.to_string())
        .collect();
    assert_eq!(names, vec!["\"B3\""]);
}

#[test]
fn folders_are_read_recursively() {
    let Some(root) = cgmes_dir() else {
        println!("SKIPPED: shared data not found");
        return;
    };
    let dir = root.join("microgrid/cimxml/BaseCase_BC");
    let import = read_files(
        &[dir.join("BE_v2"), dir.join("BD_v2")],
        &CimOptions::default(),
    )
    .unwrap();
    assert_eq!(import.summary.models, 9);
    // the whole BaseCase_BC folder: BD, BE and NL
    let all = read_files(&[dir], &CimOptions::default()).unwrap();
    assert_eq!(all.summary.models, 16);
}
