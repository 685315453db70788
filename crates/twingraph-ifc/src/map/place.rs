//! Where the model is: the site's GeoSPARQL point, postal addresses and the UPRN link.

use super::{Ctx, Kind, double, iri, ns, string};
use crate::error::IfcError;
use crate::geo;
use crate::step::Value;
use crate::units::{QUDT_KIND, QUDT_UNIT};
use oxigraph::model::{Literal, NamedNode};
use twingraph_vocab::ns as tg;
use twingraph_vocab::{IdKind, mint_id};

fn wkt(text: String) -> Literal {
    Literal::new_typed_literal(text, iri(ns::GEO, "wktLiteral"))
}

fn geometry(
    ctx: &mut Ctx<'_>,
    feature: &NamedNode,
    node: NamedNode,
    wkt_text: String,
    default: bool,
) {
    ctx.emit(feature.clone(), iri(ns::GEO, "hasGeometry"), node.clone());
    if default {
        ctx.emit(
            feature.clone(),
            iri(ns::GEO, "hasDefaultGeometry"),
            node.clone(),
        );
    }
    ctx.emit_type(&node, iri(ns::GEO, "Geometry"));
    ctx.emit(node, iri(ns::GEO, "asWKT"), wkt(wkt_text));
}

/// `IfcSite.RefLatitude`/`RefLongitude` as a CRS84 point at `{site}/geometry`,
/// `RefElevation` as a quantity, and (IFC4) the `IfcMapConversion` origin as a point in
/// its projected CRS at `{site}/geometry/projected`.
pub fn site_locations(ctx: &mut Ctx<'_>) {
    let data = ctx.data;
    let projected = map_conversion(ctx);
    for e in &data.entities {
        if ctx.kind(e) != Kind::Site {
            continue;
        }
        let Some(site) = ctx.iris.get(&e.id).cloned() else {
            continue;
        };
        let lat = ctx.attr(e, "RefLatitude").and_then(geo::compound_angle);
        let lon = ctx.attr(e, "RefLongitude").and_then(geo::compound_angle);
        let mut has_point = false;
        if let (Some(lat), Some(lon)) = (lat, lon) {
            if (-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon) {
                let g = NamedNode::new_unchecked(format!("{}/geometry", site.as_str()));
                geometry(ctx, &site, g, geo::wkt_point(lon, lat), true);
                ctx.summary.located = true;
                has_point = true;
            } else {
                ctx.warn(format!("#{}: RefLatitude/RefLongitude out of range", e.id));
            }
        }
        if let Some(h) = ctx.attr(e, "RefElevation").and_then(Value::as_f64) {
            let q = NamedNode::new_unchecked(format!("{}/quantity/-/RefElevation", site.as_str()));
            let unit = ctx.units.get("LENGTHUNIT").map(str::to_owned);
            ctx.emit(site.clone(), iri(tg::CORE, "quantity"), q.clone());
            ctx.emit_type(&q, iri(ns::QUDT, "QuantityValue"));
            ctx.emit(q.clone(), iri(tg::RDFS, "label"), string("RefElevation"));
            ctx.emit(q.clone(), iri(ns::QUDT, "numericValue"), double(h));
            if let Some(u) = unit {
                ctx.emit(q.clone(), iri(ns::QUDT, "unit"), iri(QUDT_UNIT, &u));
            }
            ctx.emit(
                q,
                iri(ns::QUDT, "hasQuantityKind"),
                iri(QUDT_KIND, "Length"),
            );
        }
        if let Some((epsg, x, y)) = &projected {
            let g = NamedNode::new_unchecked(format!("{}/geometry/projected", site.as_str()));
            let text = format!("<{}{epsg}> POINT({x} {y})", ns::EPSG);
            geometry(ctx, &site, g, text, !has_point);
        }
    }
}

/// The first `IfcMapConversion` whose target CRS is named `EPSG:n`: (n, eastings, northings).
fn map_conversion(ctx: &Ctx<'_>) -> Option<(u32, f64, f64)> {
    ctx.data.entities.iter().find_map(|e| {
        if !ctx.is_a(e, "IfcMapConversion") {
            return None;
        }
        let crs = ctx.attr_ref(e, "TargetCRS")?;
        let name = ctx.attr_str(crs, "Name")?;
        let code = name.trim().strip_prefix("EPSG:")?.trim().parse().ok()?;
        let x = ctx.attr(e, "Eastings")?.as_f64()?;
        let y = ctx.attr(e, "Northings")?.as_f64()?;
        Some((code, x, y))
    })
}

/// The `place:Address` of every building's `BuildingAddress` and site's `SiteAddress`,
/// at `{object}/address`; linked from the object's UPRN location when it has one, else
/// from the object. Returns how many addresses were written.
pub fn addresses(ctx: &mut Ctx<'_>, uprn_of: &dyn Fn(u64) -> Option<NamedNode>) {
    let data = ctx.data;
    for e in &data.entities {
        let attr = match ctx.kind(e) {
            Kind::Building => "BuildingAddress",
            Kind::Site => "SiteAddress",
            _ => continue,
        };
        let Some(object) = ctx.iris.get(&e.id).cloned() else {
            continue;
        };
        let Some(addr) = ctx.attr_ref(e, attr) else {
            continue;
        };
        if !ctx.is_a(addr, "IfcPostalAddress") {
            continue;
        }
        let lines: Vec<String> = ctx
            .attr(addr, "AddressLines")
            .map(Value::items)
            .unwrap_or_default()
            .iter()
            .filter_map(Value::as_str)
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect();
        let field = |n: &str| ctx.attr_str(addr, n).map(|s| s.trim().to_owned());
        let (town, region, postcode, country) = (
            field("Town"),
            field("Region"),
            field("PostalCode"),
            field("Country"),
        );
        let mut full: Vec<String> = lines.clone();
        full.extend(
            [&town, &region, &postcode, &country]
                .into_iter()
                .flatten()
                .cloned(),
        );
        if full.is_empty() {
            continue;
        }
        let node = NamedNode::new_unchecked(format!("{}/address", object.as_str()));
        let holder = uprn_of(e.id).unwrap_or_else(|| object.clone());
        ctx.emit(holder, iri(tg::PLACE, "hasAddress"), node.clone());
        ctx.emit_type(&node, iri(tg::PLACE, "Address"));
        ctx.emit(
            node.clone(),
            iri(ns::LOCN, "fullAddress"),
            string(&full.join(", ")),
        );
        if let Some(first) = lines.first() {
            ctx.emit(node.clone(), iri(ns::LOCN, "thoroughfare"), string(first));
        }
        for (value, prop) in [
            (&town, "postName"),
            (&region, "adminUnitL2"),
            (&country, "adminUnitL1"),
            (&postcode, "postCode"),
        ] {
            if let Some(v) = value {
                ctx.emit(node.clone(), iri(ns::LOCN, prop), string(v));
            }
        }
        if let Some(p) = &postcode {
            ctx.emit(node.clone(), iri(tg::PLACE, "postcode"), string(p));
        }
        ctx.summary.addresses += 1;
    }
}

/// Links buildings to the addressable location of their UPRN: the caller's UPRN for every
/// building, else a `UPRN` property of the building (or of its site, for the site's
/// buildings). Returns, per building instance, the location IRI.
pub fn uprn_links(
    ctx: &mut Ctx<'_>,
    found: &[(u64, String)],
) -> Result<Vec<(u64, NamedNode)>, IfcError> {
    let data = ctx.data;
    let base = ctx.opts.base_iri.clone();
    let given = ctx.opts.uprn.clone();
    let mut links = Vec::new();
    let buildings: Vec<u64> = data
        .entities
        .iter()
        .filter(|e| ctx.kind(e) == Kind::Building && ctx.iris.contains_key(&e.id))
        .map(|e| e.id)
        .collect();
    let site_of = |b: u64| -> Option<u64> {
        data.entities.iter().find_map(|r| {
            if !ctx.is_a(r, "IfcRelAggregates") {
                return None;
            }
            let whole = ctx.attr_ref(r, "RelatingObject")?;
            let has = ctx.attr_refs(r, "RelatedObjects").iter().any(|p| p.id == b);
            (has && ctx.kind(whole) == Kind::Site).then_some(whole.id)
        })
    };
    let mut wanted = Vec::new();
    for &b in &buildings {
        let uprn = match &given {
            Some(u) => Some(u.clone()),
            None => found
                .iter()
                .find(|(id, _)| *id == b)
                .or_else(|| {
                    let s = site_of(b)?;
                    found.iter().find(|(id, _)| *id == s)
                })
                .map(|(_, u)| u.clone()),
        };
        if let Some(u) = uprn {
            wanted.push((b, u));
        }
    }
    for (b, u) in wanted {
        let location = match mint_id(&base, IdKind::Uprn, &u) {
            Ok(l) => l,
            Err(e) if given.is_none() => {
                ctx.warn(format!("#{b}: UPRN property {u:?} ignored: {e}"));
                continue;
            }
            Err(e) => return Err(IfcError::Options(e.to_string())),
        };
        let key = u.trim().to_owned();
        let building = ctx.iris[&b].clone();
        ctx.emit(
            building,
            iri(tg::BUILDING, "hasAddressableUnit"),
            location.clone(),
        );
        ctx.emit_type(&location, iri(tg::PLACE, "AddressableLocation"));
        ctx.emit(location.clone(), iri(tg::CORE, "uprn"), string(&key));
        if !ctx.summary.uprns.contains(&key) {
            ctx.summary.uprns.push(key);
        }
        links.push((b, location));
    }
    Ok(links)
}
