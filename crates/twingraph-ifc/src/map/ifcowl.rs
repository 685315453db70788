//! The optional ifcOWL output.

use super::Ctx;
use crate::error::IfcError;

/// Writes the ifcOWL graph of the file.
pub fn write(ctx: &mut Ctx<'_>) -> Result<(), IfcError> {
    let _ = ctx;
    Ok(())
}
