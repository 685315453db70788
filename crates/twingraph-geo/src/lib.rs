//! GeoSPARQL for TwinGraph: the `geof:` functions that place-based questions need, on
//! `geo:wktLiteral`s in CRS84, EPSG:4326 or British National Grid (EPSG:27700), registered
//! on oxigraph's [`SparqlEvaluator`](oxigraph::sparql::SparqlEvaluator) by [`register`].
//! oxigraph's own `spargeo` supplies most functions for CRS84; this crate adds CRS handling
//! (mixed-CRS arguments are converted to one CRS), true metres (planar in BNG, geodesic on
//! WGS84), `buffer`, `transform` and friends, and the BNG ⇄ WGS84 conversion in [`bng`].
//!
//! Without the default `sparql` feature only [`bng`] is built, with no dependencies.
#![deny(missing_docs)]

pub mod bng;
#[cfg(feature = "sparql")]
pub mod functions;
#[cfg(feature = "sparql")]
pub mod literal;

#[cfg(feature = "sparql")]
pub use functions::{
    FUNCTIONS, GEOF, area_square_metres, buffer_metres, distance_metres, evaluator, register,
};
#[cfg(feature = "sparql")]
pub use literal::{Crs, GeoValue, parse_wkt};
