//! Named entities: people, organisations and places, and their resolution across a collection.
//!
//! Two ways to recognise, one interface:
//! * [`Recognizer::basic`]: rules over capitalisation, generic title and
//!   organisation words, and the built-in gazetteer (countries, demonyms,
//!   capitals). Needs nothing else, so the page works before the model arrives
//!   and on machines without the training corpus.
//! * [`Recognizer::from_model_bytes`]: a greedy averaged-perceptron tagger
//!   (see [`model`]) trained on CoNLL-2003, loaded lazily from its own file,
//!   which also carries the larger city gazetteer.
//!
//! Both feed the same post-processing (a demonym opening an organisation's
//! name joins it; a surname seen in full elsewhere becomes that person) and
//! the same canonicalisation ([`resolve::canonicalize`]); [`Resolver`] merges
//! entities across articles.
//!
//! Layers (each file uses only files above it, so imports point one way):
//!
//! 1. [`hash`] (word and feature hashing) and [`tags`] (the IOB2 tag set);
//! 2. [`tokenize`] (CoNLL-like tokens; sentence starts from
//!    [`crate::text::sentence`]);
//! 3. [`gazetteer`] (place, demonym and name lists) and [`lexicon`] (generic
//!    word lists and classes);
//! 4. [`doc`]: the document context, per-token facts ([`doc::DocCtx`]);
//! 5. [`features`]: the tagger's feature templates;
//! 6. [`model`] (the perceptron, its training and its file) and [`rules`];
//!    [`conll`] reads training data;
//! 7. [`postprocess`] (span fixes; [`agree`] last: one type per name in an
//!    article, institutions named by their seat), [`mention`] and [`resolve`] (names
//!    within an article and across the collection);
//! 8. [`recognize`]: the [`Recognizer`] and its caller-owned [`Cache`].

pub mod agree;
pub mod conll;
pub mod doc;
pub mod features;
pub mod gazetteer;
pub mod hash;
pub mod lexicon;
pub mod mention;
pub mod merge;
pub mod model;
pub mod postprocess;
pub mod recognize;
pub mod resolve;
pub mod rules;
pub mod tags;
pub mod tokenize;
pub mod variants;

pub use mention::Mention;
pub use model::{Model, ModelError, ModelErrorKind};
pub use recognize::{Cache, Recognizer};
pub use resolve::{Alias, Entity, Resolver};
pub use tags::type_name;
pub use tokenize::Tok;
// Defined outside this module: search and the reader name entity types too,
// also in the reader-only build, which has no recognizer.
pub use crate::entity_type::EntityType;
