//! British National Grid (EPSG:27700) ⇄ WGS84 (EPSG:4326 / CRS84).
//!
//! Two steps, as in Ordnance Survey's *A guide to coordinate systems in Great Britain*:
//!
//! 1. **Projection** — the National Grid transverse Mercator on the Airy 1830 ellipsoid
//!    (true origin 49°N 2°W, false origin −100 km N / +400 km E, scale 0.9996012717), using the
//!    series of the guide's Annex C. [`osgb36_to_grid`] and [`grid_to_osgb36`] reproduce the
//!    guide's worked example (Caister water tower) to better than a millimetre.
//! 2. **Datum** — the OS 7-parameter Helmert transformation between OSGB36 and ETRS89/WGS84
//!    (WGS84 is taken as ETRS89, as the guide does for metre-level work).
//!
//! The Helmert step is what limits accuracy: the OS states it is good to about 5 m across
//! Great Britain, because OSGB36 has distortions a single similarity transform cannot model
//! (OSTN15, the definitive grid-based transformation, is not used here). Against 33 of the
//! OSTN15 test points published by OS (ETRS89 → National Grid, from Scilly to Shetland) the
//! horizontal error of [`wgs84_to_bng`] is 1.78 m on average, 4.11 m at worst on the mainland
//! (the Lizard) and 4.73 m on Scilly; 1.66 m at Droitwich, the point nearest Birmingham.
//! [`bng_to_wgs84`] has the same error the other way. A round trip closes to 3 mm (the
//! inverse Helmert is the forward one with its signs flipped). See `tests/accuracy.rs`.

use std::f64::consts::PI;

// Airy 1830 / National Grid.
const AIRY_A: f64 = 6_377_563.396;
const AIRY_B: f64 = 6_356_256.909;
const F0: f64 = 0.999_601_271_7;
const E0: f64 = 400_000.0;
const N0: f64 = -100_000.0;
const WGS_A: f64 = 6_378_137.0;
const WGS_B: f64 = 6_356_752.314_245;

fn lat0() -> f64 {
    49f64.to_radians()
}
fn lon0() -> f64 {
    (-2f64).to_radians()
}

fn meridional(phi: f64) -> f64 {
    let n = (AIRY_A - AIRY_B) / (AIRY_A + AIRY_B);
    let (n2, n3) = (n * n, n * n * n);
    let (dp, sp) = (phi - lat0(), phi + lat0());
    AIRY_B
        * F0
        * ((1.0 + n + 1.25 * n2 + 1.25 * n3) * dp
            - (3.0 * n + 3.0 * n2 + 21.0 / 8.0 * n3) * dp.sin() * sp.cos()
            + (15.0 / 8.0 * n2 + 15.0 / 8.0 * n3) * (2.0 * dp).sin() * (2.0 * sp).cos()
            - 35.0 / 24.0 * n3 * (3.0 * dp).sin() * (3.0 * sp).cos())
}

fn to_cartesian(lat: f64, lon: f64, a: f64, b: f64) -> [f64; 3] {
    let e2 = 1.0 - b * b / (a * a);
    let nu = a / (1.0 - e2 * lat.sin().powi(2)).sqrt();
    [
        nu * lat.cos() * lon.cos(),
        nu * lat.cos() * lon.sin(),
        (1.0 - e2) * nu * lat.sin(),
    ]
}

fn from_cartesian(c: [f64; 3], a: f64, b: f64) -> (f64, f64) {
    let e2 = 1.0 - b * b / (a * a);
    let p = (c[0] * c[0] + c[1] * c[1]).sqrt();
    let mut lat = c[2].atan2(p * (1.0 - e2));
    for _ in 0..10 {
        let nu = a / (1.0 - e2 * lat.sin().powi(2)).sqrt();
        lat = (c[2] + e2 * nu * lat.sin()).atan2(p);
    }
    (lat, c[1].atan2(c[0]))
}

/// Helmert transform (position-vector convention) with the OS parameters,
/// `sign` = +1 for WGS84 → OSGB36 and −1 for the inverse.
fn helmert(c: [f64; 3], sign: f64) -> [f64; 3] {
    let (tx, ty, tz) = (-446.448 * sign, 125.157 * sign, -542.060 * sign);
    let s = 20.4894e-6 * sign;
    let sec = PI / (180.0 * 3600.0);
    let (rx, ry, rz) = (
        -0.1502 * sec * sign,
        -0.2470 * sec * sign,
        -0.8421 * sec * sign,
    );
    [
        tx + (1.0 + s) * c[0] - rz * c[1] + ry * c[2],
        ty + rz * c[0] + (1.0 + s) * c[1] - rx * c[2],
        tz - ry * c[0] + rx * c[1] + (1.0 + s) * c[2],
    ]
}

/// Inverse projection in radians; non-finite input gives non-finite output, never a hang.
fn grid_to_osgb36_rad(easting: f64, northing: f64) -> (f64, f64) {
    let (a, b) = (AIRY_A, AIRY_B);
    let e2 = 1.0 - b * b / (a * a);
    let mut phi = lat0();
    let mut m = 0.0;
    // The iteration converges in a handful of steps for any finite northing; the bound only
    // guards against NaN or infinite input.
    for _ in 0..100 {
        phi += (northing - N0 - m) / (a * F0);
        m = meridional(phi);
        if (northing - N0 - m).abs() < 0.000_01 || !phi.is_finite() {
            break;
        }
    }
    let sin2 = phi.sin().powi(2);
    let nu = a * F0 / (1.0 - e2 * sin2).sqrt();
    let rho = a * F0 * (1.0 - e2) / (1.0 - e2 * sin2).powf(1.5);
    let eta2 = nu / rho - 1.0;
    let t = phi.tan();
    let (t2, t4, t6) = (t * t, t.powi(4), t.powi(6));
    let sec = 1.0 / phi.cos();
    let vii = t / (2.0 * rho * nu);
    let viii = t / (24.0 * rho * nu.powi(3)) * (5.0 + 3.0 * t2 + eta2 - 9.0 * t2 * eta2);
    let ix = t / (720.0 * rho * nu.powi(5)) * (61.0 + 90.0 * t2 + 45.0 * t4);
    let x = sec / nu;
    let xi = sec / (6.0 * nu.powi(3)) * (nu / rho + 2.0 * t2);
    let xii = sec / (120.0 * nu.powi(5)) * (5.0 + 28.0 * t2 + 24.0 * t4);
    let xiia = sec / (5040.0 * nu.powi(7)) * (61.0 + 662.0 * t2 + 1320.0 * t4 + 720.0 * t6);
    let de = easting - E0;
    let lat = phi - vii * de.powi(2) + viii * de.powi(4) - ix * de.powi(6);
    let lon = lon0() + x * de - xi * de.powi(3) + xii * de.powi(5) - xiia * de.powi(7);
    (lat, lon)
}

/// Forward projection from OSGB36 radians.
fn osgb36_rad_to_grid(phi: f64, lam: f64) -> (f64, f64) {
    let (a, b) = (AIRY_A, AIRY_B);
    let e2 = 1.0 - b * b / (a * a);
    let sin2 = phi.sin().powi(2);
    let nu = a * F0 / (1.0 - e2 * sin2).sqrt();
    let rho = a * F0 * (1.0 - e2) / (1.0 - e2 * sin2).powf(1.5);
    let eta2 = nu / rho - 1.0;
    let m = meridional(phi);
    let (s, c1) = (phi.sin(), phi.cos());
    let t2 = phi.tan().powi(2);
    let i = m + N0;
    let ii = nu / 2.0 * s * c1;
    let iii = nu / 24.0 * s * c1.powi(3) * (5.0 - t2 + 9.0 * eta2);
    let iiia = nu / 720.0 * s * c1.powi(5) * (61.0 - 58.0 * t2 + t2 * t2);
    let iv = nu * c1;
    let v = nu / 6.0 * c1.powi(3) * (nu / rho - t2);
    let vi = nu / 120.0 * c1.powi(5) * (5.0 - 18.0 * t2 + t2 * t2 + 14.0 * eta2 - 58.0 * t2 * eta2);
    let dl = lam - lon0();
    (
        E0 + iv * dl + v * dl.powi(3) + vi * dl.powi(5),
        i + ii * dl.powi(2) + iii * dl.powi(4) + iiia * dl.powi(6),
    )
}

/// OSGB36 (Airy 1830) latitude/longitude in degrees → National Grid easting and northing in
/// metres: the projection alone, without any datum change.
pub fn osgb36_to_grid(lat_deg: f64, lon_deg: f64) -> (f64, f64) {
    osgb36_rad_to_grid(lat_deg.to_radians(), lon_deg.to_radians())
}

/// National Grid easting and northing in metres → OSGB36 (Airy 1830) latitude and longitude in
/// degrees: the inverse projection alone, without any datum change.
pub fn grid_to_osgb36(easting: f64, northing: f64) -> (f64, f64) {
    let (lat, lon) = grid_to_osgb36_rad(easting, northing);
    (lat.to_degrees(), lon.to_degrees())
}

/// British National Grid (OSGB36 Transverse Mercator) easting and northing in metres → WGS84
/// latitude and longitude in degrees, accurate to a few metres (Helmert, not OSTN15; see the
/// module documentation).
pub fn bng_to_wgs84(easting: f64, northing: f64) -> (f64, f64) {
    let (lat, lon) = grid_to_osgb36_rad(easting, northing);
    let c = helmert(to_cartesian(lat, lon, AIRY_A, AIRY_B), -1.0);
    let (la, lo) = from_cartesian(c, WGS_A, WGS_B);
    (la.to_degrees(), lo.to_degrees())
}

/// WGS84 latitude and longitude in degrees → British National Grid easting and northing in
/// metres, the inverse of [`bng_to_wgs84`] (a round trip closes to a few millimetres).
pub fn wgs84_to_bng(lat_deg: f64, lon_deg: f64) -> (f64, f64) {
    let c = helmert(
        to_cartesian(lat_deg.to_radians(), lon_deg.to_radians(), WGS_A, WGS_B),
        1.0,
    );
    let (phi, lam) = from_cartesian(c, AIRY_A, AIRY_B);
    osgb36_rad_to_grid(phi, lam)
}

/// The point scale factor of the National Grid at a grid position: ground distance ×
/// this factor = grid distance (0.99960 on the central meridian, 2°W, rising to about 1.0007
/// at the edges of Great Britain). Approximation `F0·(1 + (E−E0)²/(2R²))`, good to 1e-6.
pub fn bng_scale_factor(easting: f64, _northing: f64) -> f64 {
    // Mean radius of curvature of Airy 1830 at 52°N is close enough at this precision.
    let r = 6_381_000.0;
    let de = easting - E0;
    F0 * (1.0 + de * de / (2.0 * r * r))
}
