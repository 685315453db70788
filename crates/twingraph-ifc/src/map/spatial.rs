//! Spatial structure and elements: classes, GlobalId, name and BOT containment.

use super::{Ctx, Kind, iri, ns, string};
use crate::error::IfcError;
use std::collections::{BTreeMap, HashSet};
use twingraph_vocab::ns as tg;

/// Types every site, building, storey, space and element, with `tg:ifcGlobalId` and
/// `rdfs:label`, and records its IRI.
pub fn objects(ctx: &mut Ctx<'_>) -> Result<(), IfcError> {
    let data = ctx.data;
    let mut unknown: BTreeMap<String, usize> = BTreeMap::new();
    let mut seen = HashSet::new();
    for e in &data.entities {
        let kind = ctx.kind(e);
        match kind {
            Kind::Other => continue,
            Kind::Unknown => {
                *unknown.entry(data.type_name(e).to_owned()).or_default() += 1;
                continue;
            }
            _ => {}
        }
        let Some(gid) = ctx.attr_str(e, "GlobalId") else {
            ctx.warn(format!(
                "#{} {} has no GlobalId: skipped",
                e.id,
                ctx.class_name(e)
            ));
            continue;
        };
        let gid = gid.to_owned();
        if gid.len() != 22 {
            ctx.warn(format!(
                "#{} has a GlobalId of {} characters: {gid:?}",
                e.id,
                gid.len()
            ));
        }
        if !seen.insert(gid.clone()) {
            ctx.warn(format!("#{} repeats the GlobalId {gid}", e.id));
        }
        let node = ctx.mint(&gid)?;
        let class = ctx.class_name(e).to_owned();
        let bot = |l: &str| iri(ns::BOT, l);
        match kind {
            Kind::Site => {
                ctx.emit_type(&node, bot("Site"));
                ctx.summary.sites += 1;
            }
            Kind::Building => {
                ctx.emit_type(&node, bot("Building"));
                ctx.emit_type(&node, iri(tg::BUILDING, "Building"));
                ctx.summary.buildings += 1;
            }
            Kind::Storey => {
                ctx.emit_type(&node, bot("Storey"));
                ctx.summary.storeys += 1;
            }
            Kind::Space => {
                ctx.emit_type(&node, bot("Space"));
                ctx.summary.spaces += 1;
            }
            _ => {
                ctx.emit_type(&node, bot("Element"));
                ctx.summary.elements += 1;
                *ctx.summary
                    .elements_by_class
                    .entry(class.clone())
                    .or_default() += 1;
            }
        }
        ctx.emit_type(&node, iri(ns::IFC, &class));
        ctx.emit(node.clone(), iri(tg::CORE, "ifcGlobalId"), string(&gid));
        if let Some(name) = ctx.attr_str(e, "Name") {
            let name = name.to_owned();
            ctx.emit(node.clone(), iri(tg::RDFS, "label"), string(&name));
        }
        ctx.iris.insert(e.id, node);
    }
    for (name, n) in unknown {
        ctx.warn(format!(
            "{n} instance(s) of {name}, which {} does not define: skipped",
            ctx.schema.version.name()
        ));
        ctx.summary.skipped_unknown += n;
    }
    Ok(())
}

/// The BOT property from a zone of one kind to a part of another, if any.
fn aggregation(whole: Kind, part: Kind) -> Option<&'static str> {
    use Kind::*;
    Some(match (whole, part) {
        (Site, Building) => "hasBuilding",
        (Building, Storey) => "hasStorey",
        (Storey, Space) => "hasSpace",
        (Site | Building | Storey | Space, Site | Building | Storey | Space) => "containsZone",
        (Element, Element) => "hasSubElement",
        _ => return None,
    })
}

/// `IfcRelAggregates` (decomposition) and `IfcRelContainedInSpatialStructure`.
pub fn relations(ctx: &mut Ctx<'_>) {
    let data = ctx.data;
    for e in &data.entities {
        if ctx.kind(e) != Kind::Other {
            continue;
        }
        let (whole, parts, contained) = if ctx.is_a(e, "IfcRelAggregates") {
            (
                ctx.attr_ref(e, "RelatingObject"),
                ctx.attr_refs(e, "RelatedObjects"),
                false,
            )
        } else if ctx.is_a(e, "IfcRelContainedInSpatialStructure") {
            (
                ctx.attr_ref(e, "RelatingStructure"),
                ctx.attr_refs(e, "RelatedElements"),
                true,
            )
        } else {
            continue;
        };
        let Some(whole) = whole else { continue };
        let Some(whole_iri) = ctx.iris.get(&whole.id).cloned() else {
            continue;
        };
        let whole_kind = ctx.kind(whole);
        for part in parts {
            let Some(part_iri) = ctx.iris.get(&part.id).cloned() else {
                continue;
            };
            let part_kind = ctx.kind(part);
            let prop = if contained {
                match (whole_kind, part_kind) {
                    (Kind::Element, _) | (_, Kind::Site | Kind::Building) => None,
                    (_, Kind::Element) => Some("containsElement"),
                    _ => Some("containsZone"),
                }
            } else {
                aggregation(whole_kind, part_kind)
            };
            match prop {
                Some(p) => {
                    ctx.emit(whole_iri.clone(), iri(ns::BOT, p), part_iri);
                    ctx.summary.relations += 1;
                }
                None => ctx.warn(format!(
                    "#{}: {} relates #{} {} to #{} {}, which BOT does not express: skipped",
                    e.id,
                    ctx.class_name(e),
                    whole.id,
                    ctx.class_name(whole),
                    part.id,
                    ctx.class_name(part)
                )),
            }
        }
    }
}
