//! Bad input gives the right typed error, with its line (and entity), and no output.

use twingraph_ifc::{IfcError, ImportOptions, read};

const GOOD: &str = "ISO-10303-21;
HEADER;
FILE_DESCRIPTION(('ViewDefinition [CoordinationView]'),'2;1');
FILE_NAME('t.ifc','2025-01-01T00:00:00',(''),(''),'','','');
FILE_SCHEMA(('IFC4'));
ENDSEC;
DATA;
#1=IFCPROJECT('2Iicv0RnfAVPda6Sg4SE78',$,'P',$,$,$,$,$,#3);
#2=IFCSIUNIT(*,.LENGTHUNIT.,.MILLI.,.METRE.);
#3=IFCUNITASSIGNMENT((#2));
#4=IFCBUILDING('3gabj5DLb5ChBnNNnfkp9_',$,'B\\X2\\00E4\\X0\\',$,$,$,$,$,.ELEMENT.,$,$,$);
#5=IFCWALL('3Slv71jD5icvb52aaFFaQy',$,'W',$,$,$,$,$,$);
#6=IFCRELCONTAINEDINSPATIALSTRUCTURE('0XFM1ps_IKLJ6M0amVAMgW',$,$,$,(#5),#4);
#7=IFCQUANTITYLENGTH('Width',$,$,230.,$);
#8=IFCELEMENTQUANTITY('0SUQlpSqmXSojQYIAjkaWP',$,'Qto_WallBaseQuantities',$,$,(#7));
#9=IFCRELDEFINESBYPROPERTIES('1UoZwG9zQefobbkAAC5gRP',$,$,$,(#5),#8);
ENDSEC;
END-ISO-10303-21;
";

fn run(text: &str) -> Result<twingraph_ifc::IfcImport, IfcError> {
    read(text.as_bytes(), &ImportOptions::default())
}

#[test]
fn good_file_with_millimetres() {
    let imp = run(GOOD).unwrap();
    assert_eq!(imp.summary.elements, 1);
    assert_eq!(imp.summary.relations, 1);
    let unit = imp
        .triples
        .iter()
        .find(|t| t.predicate.as_str() == "http://qudt.org/schema/qudt/unit")
        .unwrap();
    assert_eq!(
        unit.object.to_string(),
        "<http://qudt.org/vocab/unit/MilliM>"
    );
    assert!(imp.triples.iter().any(|t| t.object.to_string() == "\"Bä\""));
}

#[test]
fn truncated_file() {
    let cut = &GOOD[..GOOD.find("#8=").unwrap()];
    match run(cut) {
        Err(IfcError::Truncated { at, expected }) => {
            assert!(expected.contains("ENDSEC"), "{expected}");
            assert_eq!(at.line, 15);
        }
        other => panic!("{other:?}"),
    }
    let no_end = &GOOD[..GOOD.find("END-ISO").unwrap()];
    assert!(matches!(run(no_end), Err(IfcError::Truncated { .. })));
    let mid_record = &GOOD[..GOOD.find("'Qto_").unwrap() + 3];
    assert!(matches!(run(mid_record), Err(IfcError::Truncated { .. })));
}

#[test]
fn unknown_schema() {
    let text = GOOD.replace("FILE_SCHEMA(('IFC4'))", "FILE_SCHEMA(('IFC9'))");
    match run(&text) {
        Err(IfcError::UnknownSchema { at, schema }) => {
            assert_eq!(schema, "IFC9");
            assert_eq!(at.line, 5);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn dangling_reference() {
    let text = GOOD.replace("(#5),#4);", "(#5,#42),#4);");
    match run(&text) {
        Err(IfcError::DanglingReference { at, target }) => {
            assert_eq!(target, 42);
            assert_eq!((at.line, at.entity), (13, Some(6)));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn bad_escape() {
    let text = GOOD.replace("'W'", "'W\\X2\\00E'");
    match run(&text) {
        Err(IfcError::BadEscape { at, .. }) => {
            assert_eq!((at.line, at.entity), (12, Some(5)));
            // The bad group of hex digits after `\\X2\\`.
            assert_eq!(at.column, 45);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn invalid_utf8() {
    let mut bytes = GOOD.as_bytes().to_vec();
    let at = GOOD.find("'W'").unwrap() + 1;
    bytes.splice(at..at + 1, [b'W', 0xE4, b'x']);
    match read(&bytes[..], &ImportOptions::default()) {
        Err(IfcError::Encoding { at, .. }) => {
            assert_eq!((at.line, at.entity), (12, Some(5)));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn syntax_errors_and_duplicates() {
    let text = GOOD.replace(
        "#7=IFCQUANTITYLENGTH('Width',$,$,230.,$);",
        "#7=IFCQUANTITYLENGTH('Width' $);",
    );
    match run(&text) {
        Err(IfcError::Syntax { at, .. }) => assert_eq!((at.line, at.entity), (14, Some(7))),
        other => panic!("{other:?}"),
    }
    let text = GOOD.replace("#7=", "#5=");
    assert!(matches!(
        run(&text),
        Err(IfcError::DuplicateEntity { id: 5, .. })
    ));
    assert!(matches!(run("garbage;"), Err(IfcError::Syntax { .. })));
    assert!(matches!(run(""), Err(IfcError::Truncated { .. })));
}

#[test]
fn ifc4x3_unknown_entities_are_skipped_with_a_warning() {
    let text = GOOD
        .replace("IFC4'", "IFC4X3_ADD2'")
        .replace("#7=", "#99=IFCSOMETHINGNEW(1,2);\n#7=");
    let imp = run(&text).unwrap();
    assert_eq!(imp.summary.skipped_unknown, 1);
    assert!(
        imp.summary
            .warnings
            .iter()
            .any(|w| w.contains("IFCSOMETHINGNEW"))
    );
}
