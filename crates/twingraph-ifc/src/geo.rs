//! Site location: IFC compound plane angles to decimal degrees and a GeoSPARQL WKT point.

use crate::step::Value;

/// Decimal degrees from an `IfcCompoundPlaneAngleMeasure`: degrees, minutes, seconds and
/// optionally millionths of a second, all carrying the same sign.
pub fn compound_angle(v: &Value) -> Option<f64> {
    let parts: Vec<f64> = v.items().iter().map(Value::as_f64).collect::<Option<_>>()?;
    if parts.len() < 3 || parts.len() > 4 {
        return None;
    }
    let micro = parts.get(3).copied().unwrap_or(0.0);
    Some(parts[0] + parts[1] / 60.0 + (parts[2] + micro / 1e6) / 3600.0)
}

/// A WKT point in CRS84 (longitude first), rounded to 1e-9 degree (0.1 mm).
pub fn wkt_point(lon: f64, lat: f64) -> String {
    let r = |x: f64| (x * 1e9).round() / 1e9;
    format!("POINT({} {})", r(lon), r(lat))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_compound_angles() {
        let lat = Value::List(vec![
            Value::Integer(52),
            Value::Integer(27),
            Value::Integer(49),
            Value::Integer(602741),
        ]);
        let lon = Value::List(vec![
            Value::Integer(-1),
            Value::Integer(-50),
            Value::Integer(-20),
            Value::Integer(-377129),
        ]);
        let (lat, lon) = (compound_angle(&lat).unwrap(), compound_angle(&lon).unwrap());
        assert!((lat - 52.463778539).abs() < 1e-8, "{lat}");
        assert!((lon - -1.838993647).abs() < 1e-8, "{lon}");
        assert_eq!(wkt_point(lon, lat), "POINT(-1.838993647 52.463778539)");
        assert_eq!(compound_angle(&Value::List(vec![Value::Integer(1)])), None);
    }
}
