//! One IFC4 STEP file of a council-owned terraced house in the district,
//! georeferenced to British National Grid and carrying its UPRN in a
//! property set.

use std::fmt::Write as _;

use crate::SynthError;
use crate::geo;
use crate::model::{District, Kind};
use crate::out::Out;
use crate::prng::Rng;

const B64: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_$";

fn guid(rng: &mut Rng) -> String {
    let mut s = String::with_capacity(22);
    s.push(B64[rng.below(4) as usize] as char);
    for _ in 0..21 {
        s.push(B64[rng.below(64) as usize] as char);
    }
    s
}

fn step_str(s: &str) -> String {
    s.replace('\\', "\\\\").replace('\'', "''")
}

fn dms(deg: f64) -> String {
    let sign = if deg < 0.0 { -1 } else { 1 };
    let a = deg.abs();
    let d = a.floor();
    let m = ((a - d) * 60.0).floor();
    let s = ((a - d) * 3600.0 - m * 60.0).floor();
    let micro = (((a - d) * 3600.0 - m * 60.0 - s) * 1e6).floor();
    format!(
        "({},{},{},{})",
        sign * d as i64,
        sign * m as i64,
        sign * s as i64,
        sign * micro as i64
    )
}

/// The UPRN of the building the IFC file describes, if any.
pub fn chosen(d: &District) -> Option<usize> {
    d.dwellings
        .iter()
        .position(|dw| {
            dw.council
                && dw.property_type == "House"
                && dw.built_form == "Mid-Terrace"
                && geo::TEED.contains(d.locations[dw.location].p)
        })
        .or_else(|| {
            d.dwellings
                .iter()
                .position(|dw| dw.property_type == "House")
        })
}

/// Write the IFC file.
pub fn write(d: &District, rng: &mut Rng, out: &mut Out) -> Result<(), SynthError> {
    let Some(di) = chosen(d) else { return Ok(()) };
    let dw = &d.dwellings[di];
    let l = &d.locations[dw.location];
    debug_assert!(matches!(l.kind, Kind::Dwelling(_)));
    let street = &d.streets[l.street];
    let pc = l
        .postcode
        .map(|p| d.postcodes[p].code.clone())
        .unwrap_or_default();
    let (lat, lon) = geo::bng_to_wgs84(l.p);
    let mut e: Vec<String> = vec![];
    let mut add = |s: String| {
        e.push(s);
        e.len()
    };
    let person = add("IFCPERSON($,$,'TwinGraph',$,$,$,$,$)".into());
    let org = add("IFCORGANIZATION($,'TwinGraph synthetic district',$,$,$)".into());
    let po = add(format!("IFCPERSONANDORGANIZATION(#{person},#{org},$)"));
    let app = add(format!(
        "IFCAPPLICATION(#{org},'0.1.0','twingraph-synth','twingraph-synth')"
    ));
    let oh = add(format!(
        "IFCOWNERHISTORY(#{po},#{app},$,.ADDED.,1736294400,#{po},#{app},1736294400)"
    ));
    let origin = add("IFCCARTESIANPOINT((0.,0.,0.))".into());
    let zdir = add("IFCDIRECTION((0.,0.,1.))".into());
    let xdir = add("IFCDIRECTION((1.,0.,0.))".into());
    let world = add(format!("IFCAXIS2PLACEMENT3D(#{origin},#{zdir},#{xdir})"));
    let north = add("IFCDIRECTION((0.,1.))".into());
    let ctx = add(format!(
        "IFCGEOMETRICREPRESENTATIONCONTEXT($,'Model',3,1.E-05,#{world},#{north})"
    ));
    let body_ctx = add(format!(
        "IFCGEOMETRICREPRESENTATIONSUBCONTEXT('Body','Model',*,*,*,*,#{ctx},$,.MODEL_VIEW.,$)"
    ));
    let len_u = add("IFCSIUNIT(*,.LENGTHUNIT.,$,.METRE.)".into());
    let area_u = add("IFCSIUNIT(*,.AREAUNIT.,$,.SQUARE_METRE.)".into());
    let vol_u = add("IFCSIUNIT(*,.VOLUMEUNIT.,$,.CUBIC_METRE.)".into());
    let ang_u = add("IFCSIUNIT(*,.PLANEANGLEUNIT.,$,.RADIAN.)".into());
    let units = add(format!(
        "IFCUNITASSIGNMENT((#{len_u},#{area_u},#{vol_u},#{ang_u}))"
    ));
    let project = add(format!(
        "IFCPROJECT('{}',#{oh},'TEED synthetic building {}',$,$,$,$,(#{ctx}),#{units})",
        guid(rng),
        l.uprn
    ));
    let crs = add(format!(
        "IFCPROJECTEDCRS('EPSG:27700','British National Grid','OSGB36',$,'Transverse Mercator',$,#{len_u})"
    ));
    add(format!(
        "IFCMAPCONVERSION(#{ctx},#{crs},{:.3},{:.3},120.,1.,0.,1.)",
        l.p.x, l.p.y
    ));
    let site_pl = add(format!("IFCLOCALPLACEMENT($,#{world})"));
    let site = add(format!(
        "IFCSITE('{}',#{oh},'Site of UPRN {}',$,$,#{site_pl},$,$,.ELEMENT.,{},{},120.,$,$)",
        guid(rng),
        l.uprn,
        dms(lat),
        dms(lon)
    ));
    add(format!(
        "IFCRELAGGREGATES('{}',#{oh},$,$,#{project},(#{site}))",
        guid(rng)
    ));
    let address_line = step_str(&format!("{} {}", l.pao, street.name));
    let addr = add(format!(
        "IFCPOSTALADDRESS(.RESIDENTIAL.,$,$,$,('{address_line}'),$,'BIRMINGHAM','West Midlands','{pc}','United Kingdom')"
    ));
    let b_pl = add(format!("IFCLOCALPLACEMENT(#{site_pl},#{world})"));
    let building = add(format!(
        "IFCBUILDING('{}',#{oh},'{address_line}','Synthetic {} {} built {}',$,#{b_pl},$,$,.ELEMENT.,0.,120.,#{addr})",
        guid(rng),
        dw.built_form,
        dw.property_type,
        dw.year_built
    ));
    add(format!(
        "IFCRELAGGREGATES('{}',#{oh},$,$,#{site},(#{building}))",
        guid(rng)
    ));
    // Two storeys; each with four solid brick walls and a floor slab.
    let (w, depth, h, t) = (4.8f64, 9.5f64, 2.7f64, 0.23f64);
    let mut storeys = vec![];
    for s in 0..2 {
        let z = s as f64 * h;
        let pz = add(format!("IFCCARTESIANPOINT((0.,0.,{z:.3}))"));
        let ax = add(format!("IFCAXIS2PLACEMENT3D(#{pz},#{zdir},#{xdir})"));
        let st_pl = add(format!("IFCLOCALPLACEMENT(#{b_pl},#{ax})"));
        let storey = add(format!(
            "IFCBUILDINGSTOREY('{}',#{oh},'{}',$,$,#{st_pl},$,$,.ELEMENT.,{z:.3})",
            guid(rng),
            if s == 0 {
                "Ground floor"
            } else {
                "First floor"
            }
        ));
        storeys.push(storey);
        let mut elems = vec![];
        // (x, y, xdim, ydim, height, name)
        let parts = [
            (w / 2.0, t / 2.0, w, t, h, "Front wall"),
            (w / 2.0, depth - t / 2.0, w, t, h, "Rear wall"),
            (
                t / 2.0,
                depth / 2.0,
                t,
                depth - 2.0 * t,
                h,
                "Party wall (left)",
            ),
            (
                w - t / 2.0,
                depth / 2.0,
                t,
                depth - 2.0 * t,
                h,
                "Party wall (right)",
            ),
            (w / 2.0, depth / 2.0, w, depth, 0.15, "Floor slab"),
        ];
        for (x, y, xd, yd, ht, name) in parts {
            let c2 = add(format!("IFCCARTESIANPOINT(({x:.3},{y:.3}))"));
            let p2 = add(format!("IFCAXIS2PLACEMENT2D(#{c2},$)"));
            let prof = add(format!(
                "IFCRECTANGLEPROFILEDEF(.AREA.,$,#{p2},{xd:.3},{yd:.3})"
            ));
            let solid = add(format!(
                "IFCEXTRUDEDAREASOLID(#{prof},#{world},#{zdir},{ht:.3})"
            ));
            let rep = add(format!(
                "IFCSHAPEREPRESENTATION(#{body_ctx},'Body','SweptSolid',(#{solid}))"
            ));
            let pds = add(format!("IFCPRODUCTDEFINITIONSHAPE($,$,(#{rep}))"));
            let pl = add(format!("IFCLOCALPLACEMENT(#{st_pl},#{world})"));
            let el = if name == "Floor slab" {
                add(format!(
                    "IFCSLAB('{}',#{oh},'{name}',$,$,#{pl},#{pds},$,.FLOOR.)",
                    guid(rng)
                ))
            } else {
                add(format!(
                    "IFCWALL('{}',#{oh},'{name}','Solid brick, as built, no insulation',$,#{pl},#{pds},$,.SOLIDWALL.)",
                    guid(rng)
                ))
            };
            elems.push(el);
        }
        let list = elems
            .iter()
            .map(|i| format!("#{i}"))
            .collect::<Vec<_>>()
            .join(",");
        add(format!(
            "IFCRELCONTAINEDINSPATIALSTRUCTURE('{}',#{oh},$,$,({list}),#{storey})",
            guid(rng)
        ));
    }
    let list = storeys
        .iter()
        .map(|i| format!("#{i}"))
        .collect::<Vec<_>>()
        .join(",");
    add(format!(
        "IFCRELAGGREGATES('{}',#{oh},$,$,#{building},({list}))",
        guid(rng)
    ));
    // Property sets: the identifiers (custom) and Pset_BuildingCommon.
    let props = [
        format!(
            "IFCPROPERTYSINGLEVALUE('UPRN',$,IFCIDENTIFIER('{}'),$)",
            l.uprn
        ),
        format!(
            "IFCPROPERTYSINGLEVALUE('USRN',$,IFCIDENTIFIER('{}'),$)",
            street.usrn
        ),
        format!("IFCPROPERTYSINGLEVALUE('Postcode',$,IFCLABEL('{pc}'),$)"),
        format!(
            "IFCPROPERTYSINGLEVALUE('BuildingReferenceNumber',$,IFCIDENTIFIER('{}'),$)",
            dw.brn
        ),
        "IFCPROPERTYSINGLEVALUE('Owner',$,IFCLABEL('Birmingham City Council'),$)".to_string(),
    ];
    let ids: Vec<usize> = props.into_iter().map(&mut add).collect();
    let list = ids
        .iter()
        .map(|i| format!("#{i}"))
        .collect::<Vec<_>>()
        .join(",");
    let pset = add(format!(
        "IFCPROPERTYSET('{}',#{oh},'TwinGraph_AddressIdentifiers','UK address identifiers of this building',({list}))",
        guid(rng)
    ));
    add(format!(
        "IFCRELDEFINESBYPROPERTIES('{}',#{oh},$,$,(#{building}),#{pset})",
        guid(rng)
    ));
    let y = add(format!(
        "IFCPROPERTYSINGLEVALUE('YearOfConstruction',$,IFCLABEL('{}'),$)",
        dw.year_built
    ));
    let n = add("IFCPROPERTYSINGLEVALUE('NumberOfStoreys',$,IFCINTEGER(2),$)".into());
    let common = add(format!(
        "IFCPROPERTYSET('{}',#{oh},'Pset_BuildingCommon',$,(#{y},#{n}))",
        guid(rng)
    ));
    add(format!(
        "IFCRELDEFINESBYPROPERTIES('{}',#{oh},$,$,(#{building}),#{common})",
        guid(rng)
    ));
    let mut s = String::new();
    s.push_str("ISO-10303-21;\nHEADER;\nFILE_DESCRIPTION(('ViewDefinition [ReferenceView_V1.2]'),'2;1');\n");
    let _ = writeln!(
        s,
        "FILE_NAME('uprn-{}.ifc','2025-01-08T00:00:00',('TwinGraph'),('TwinGraph synthetic district'),'twingraph-synth','twingraph-synth','');",
        l.uprn
    );
    s.push_str("FILE_SCHEMA(('IFC4'));\nENDSEC;\nDATA;\n");
    for (i, line) in e.iter().enumerate() {
        let _ = writeln!(s, "#{}={line};", i + 1);
    }
    s.push_str("ENDSEC;\nEND-ISO-10303-21;\n");
    let n_entities = e.len() as u64;
    out.file(&format!("ifc/uprn-{}.ifc", l.uprn), false, |f| {
        f.raw(&s)?;
        f.rows = n_entities;
        Ok(())
    })
}
