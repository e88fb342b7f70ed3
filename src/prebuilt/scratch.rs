//! The error of a build's scratch files (`super::spill`'s segments,
//! `super::doc_spill`'s documents): files this build writes beside the new
//! site and reads back itself, so an error names the file and what went
//! wrong (an I/O error, or bytes that do not decode at an offset).

use std::fmt;
use std::path::PathBuf;

use crate::codec::FormatError;

/// Why a scratch file (a segment, the document spill) could not be
/// written or read back: the file, and what.
#[derive(Debug)]
pub struct ScratchError {
    pub file: PathBuf,
    pub kind: ScratchErrorKind,
}

#[derive(Debug)]
pub enum ScratchErrorKind {
    Io(std::io::Error),
    /// Bytes that do not decode, at this offset of the file.
    Format(FormatError),
}

impl fmt::Display for ScratchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let file = self.file.display();
        match &self.kind {
            ScratchErrorKind::Io(e) => write!(f, "build scratch file {file}: {e}"),
            ScratchErrorKind::Format(e) => write!(f, "build scratch file {file}: {e}"),
        }
    }
}

impl std::error::Error for ScratchError {}
