//! Property sets and element quantities.
//!
//! A property whose nominal value is a measure with a unit (`IfcAreaMeasure`,
//! `IfcThermalTransmittanceMeasure` …) and every quantity of an `IfcElementQuantity` become
//! a `qudt:QuantityValue` linked with `tg:quantity`: `qudt:numericValue` as written in the
//! file, `qudt:unit` from the property's own unit or the project's `IfcUnitAssignment`
//! (SI prefixes kept: `.MILLI.,.METRE.` is `unit:MilliM`), `qudt:hasQuantityKind` and
//! `rdfs:label` the property name. Its IRI is `{object}/quantity/{set}/{name}`. Other values
//! are literals on `props:{camelCaseName}` (the LBD convention): strings, booleans,
//! integers and doubles.

use super::{Ctx, double, iri, ns, string};
use crate::step::{Entity, Value};
use crate::units::{QUDT_KIND, QUDT_UNIT, measure_kind, unit_of};
use oxigraph::model::{Literal, NamedNode};
use twingraph_vocab::mint::encode_key;
use twingraph_vocab::ns as tg;

/// A UPRN carried by a property set: (object instance number, value).
pub type UprnCandidate = (u64, String);

/// Maps every `IfcRelDefinesByProperties` whose objects are mapped; returns the UPRNs
/// found in property sets.
pub fn property_sets(ctx: &mut Ctx<'_>) -> Vec<UprnCandidate> {
    let data = ctx.data;
    let mut uprns = Vec::new();
    for rel in &data.entities {
        if !ctx.is_a(rel, "IfcRelDefinesByProperties") {
            continue;
        }
        let objects: Vec<(u64, NamedNode)> = ctx
            .attr_refs(rel, "RelatedObjects")
            .into_iter()
            .filter_map(|o| ctx.iris.get(&o.id).map(|i| (o.id, i.clone())))
            .collect();
        if objects.is_empty() {
            continue;
        }
        let mut defs = ctx.attr_refs(rel, "RelatingPropertyDefinition");
        if defs.is_empty() {
            // IFC4 IfcPropertySetDefinitionSet: a typed list of references.
            if let Some(Value::Typed(_, inner)) = ctx.attr(rel, "RelatingPropertyDefinition") {
                defs = inner
                    .items()
                    .iter()
                    .filter_map(|v| v.as_ref_id().and_then(|id| data.get(id)))
                    .collect();
            }
        }
        for def in defs {
            let set_name = ctx.attr_str(def, "Name").unwrap_or("").to_owned();
            if ctx.is_a(def, "IfcPropertySet") {
                for prop in ctx.attr_refs(def, "HasProperties") {
                    for (id, node) in &objects {
                        if let Some(u) = property(ctx, node, &set_name, prop) {
                            uprns.push((*id, u));
                        }
                    }
                }
            } else if ctx.is_a(def, "IfcElementQuantity") {
                for q in ctx.attr_refs(def, "Quantities") {
                    for (_, node) in &objects {
                        quantity(ctx, node, &set_name, q);
                    }
                }
            }
        }
    }
    uprns
}

/// `IsExternal` → `isExternal`, `Fire Rating` → `fireRating`, `UPRN` → `uprn`.
pub fn camel(name: &str) -> String {
    let mut out = String::new();
    for word in name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let all_upper = word.chars().all(|c| !c.is_lowercase());
        let mut chars = word.chars();
        let Some(first) = chars.next() else { continue };
        if out.is_empty() {
            if all_upper {
                out.extend(word.chars().flat_map(char::to_lowercase));
                continue;
            }
            out.extend(first.to_lowercase());
        } else {
            out.extend(first.to_uppercase());
        }
        out.push_str(chars.as_str());
    }
    if out.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        out.insert(0, 'p');
    }
    out
}

fn quantity_node(object: &NamedNode, set: &str, name: &str) -> NamedNode {
    let set = if set.is_empty() { "-" } else { set };
    NamedNode::new_unchecked(format!(
        "{}/quantity/{}/{}",
        object.as_str(),
        encode_key(set),
        encode_key(name)
    ))
}

/// Writes a quantity value; `unit` and `kind` are QUDT local names.
#[allow(clippy::too_many_arguments)]
fn emit_quantity(
    ctx: &mut Ctx<'_>,
    object: &NamedNode,
    set: &str,
    name: &str,
    value: f64,
    unit: Option<&str>,
    kind: Option<&str>,
) {
    if !value.is_finite() {
        return;
    }
    let q = quantity_node(object, set, name);
    ctx.emit(object.clone(), iri(tg::CORE, "quantity"), q.clone());
    ctx.emit_type(&q, iri(ns::QUDT, "QuantityValue"));
    ctx.emit(q.clone(), iri(tg::RDFS, "label"), string(name));
    ctx.emit(q.clone(), iri(ns::QUDT, "numericValue"), double(value));
    if let Some(u) = unit {
        ctx.emit(q.clone(), iri(ns::QUDT, "unit"), iri(QUDT_UNIT, u));
    }
    if let Some(k) = kind {
        ctx.emit(q, iri(ns::QUDT, "hasQuantityKind"), iri(QUDT_KIND, k));
    }
    ctx.summary.quantities += 1;
}

/// A literal for a simple (non-measure) value.
fn literal(ctx: &Ctx<'_>, v: &Value) -> Option<Literal> {
    let xsd = |l: &str| iri(tg::XSD, l);
    match v {
        Value::Typed(t, inner) => {
            let ty = ctx.data.interner.name(*t);
            if matches!(ty, "IFCBOOLEAN" | "IFCLOGICAL") {
                return match inner.as_enum()? {
                    "T" => Some(Literal::new_typed_literal("true", xsd("boolean"))),
                    "F" => Some(Literal::new_typed_literal("false", xsd("boolean"))),
                    other => Some(string(other)),
                };
            }
            literal(ctx, inner)
        }
        Value::String(s) => Some(string(s)),
        Value::Integer(i) => Some(Literal::new_typed_literal(i.to_string(), xsd("integer"))),
        Value::Real(r) if r.is_finite() => Some(double(*r)),
        Value::Enum(e) => Some(string(e)),
        _ => None,
    }
}

/// One property of a property set; returns the value when it is a UPRN.
fn property(ctx: &mut Ctx<'_>, object: &NamedNode, set: &str, prop: &Entity) -> Option<String> {
    let name = ctx.attr_str(prop, "Name")?.to_owned();
    let values: Vec<Value> = if ctx.is_a(prop, "IfcPropertySingleValue") {
        ctx.attr(prop, "NominalValue")
            .cloned()
            .into_iter()
            .collect()
    } else if ctx.is_a(prop, "IfcPropertyEnumeratedValue") {
        ctx.attr(prop, "EnumerationValues")?.items().to_vec()
    } else {
        ctx.summary.properties_skipped += 1;
        return None;
    };
    let mut uprn = None;
    for v in values {
        if let Value::Typed(t, inner) = &v {
            if let (Some((unit_type, kind)), Some(x)) =
                (measure_kind(ctx.data.interner.name(*t)), inner.as_f64())
            {
                let own = ctx
                    .attr_ref(prop, "Unit")
                    .and_then(|u| unit_of(ctx.data, u))
                    .map(|(_, q)| q);
                let unit = own.or_else(|| ctx.units.get(unit_type).map(str::to_owned));
                emit_quantity(ctx, object, set, &name, x, unit.as_deref(), Some(kind));
                continue;
            }
        }
        let Some(lit) = literal(ctx, &v).filter(|l| !l.value().trim().is_empty()) else {
            continue;
        };
        if name.trim().eq_ignore_ascii_case("UPRN") {
            uprn = Some(lit.value().trim().to_owned());
        }
        let local = camel(&name);
        if local.is_empty() {
            continue;
        }
        ctx.emit(object.clone(), iri(ns::PROPS, &local), lit);
        ctx.summary.properties += 1;
    }
    uprn
}

/// One quantity of an element quantity set.
fn quantity(ctx: &mut Ctx<'_>, object: &NamedNode, set: &str, q: &Entity) {
    let Some(name) = ctx.attr_str(q, "Name").map(str::to_owned) else {
        return;
    };
    let (value_attr, unit_type, kind) = match ctx.data.type_name(q) {
        "IFCQUANTITYLENGTH" => ("LengthValue", "LENGTHUNIT", Some("Length")),
        "IFCQUANTITYAREA" => ("AreaValue", "AREAUNIT", Some("Area")),
        "IFCQUANTITYVOLUME" => ("VolumeValue", "VOLUMEUNIT", Some("Volume")),
        "IFCQUANTITYWEIGHT" => ("WeightValue", "MASSUNIT", Some("Mass")),
        "IFCQUANTITYTIME" => ("TimeValue", "TIMEUNIT", Some("Time")),
        "IFCQUANTITYCOUNT" => ("CountValue", "", None),
        _ => {
            ctx.summary.properties_skipped += 1;
            return;
        }
    };
    let Some(value) = ctx.attr(q, value_attr).and_then(Value::as_f64) else {
        return;
    };
    let own = ctx
        .attr_ref(q, "Unit")
        .and_then(|u| unit_of(ctx.data, u))
        .map(|(_, u)| u);
    let unit = if unit_type.is_empty() {
        Some("NUM".to_owned())
    } else {
        own.or_else(|| ctx.units.get(unit_type).map(str::to_owned))
    };
    emit_quantity(ctx, object, set, &name, value, unit.as_deref(), kind);
}

#[cfg(test)]
mod tests {
    use super::camel;

    #[test]
    fn camel_case_names() {
        assert_eq!(camel("IsExternal"), "isExternal");
        assert_eq!(camel("Fire Rating"), "fireRating");
        assert_eq!(camel("UPRN"), "uprn");
        assert_eq!(camel("U-Value (W/m2K)"), "uValueWM2K");
        assert_eq!(camel("2nd floor"), "p2ndFloor");
        assert_eq!(camel("Größe"), "größe");
    }
}
