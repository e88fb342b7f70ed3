//! The engine: one index and the operations the reader needs (search with
//! snippets and a timeline, the event timeline, opening an article,
//! statistics), with request and response types that cross to the page as
//! they are. Both the wasm boundary and the command-line tool are thin layers
//! over this.
//!
//! The in-memory [`Engine`] (with events and entities) needs feature
//! `inpage`; [`PrebuiltEngine`] and what both share do not.

#[cfg(feature = "inpage")]
mod entities;
#[cfg(feature = "inpage")]
mod events;
#[cfg(feature = "inpage")]
mod inpage;
mod prebuilt;
mod respond;
pub mod snippet;
pub mod timeline;
mod types;

#[cfg(feature = "inpage")]
pub use entities::{EntityProgress, EntityStats, EntityView};
#[cfg(feature = "inpage")]
pub use events::{
    EventDate, EventLane, EventOrder, EventRow, EventsRequest, EventsResponse, LaneSpan,
    ValueDescription,
};
#[cfg(feature = "inpage")]
pub use inpage::Engine;
pub use prebuilt::PrebuiltEngine;
pub use types::{
    ArticleView, EntityListRequest, Facet, FacetGroup, FacetTotals, Facets, Features, Hit, Reprint,
    SearchRequest, SearchResponse, Sort, Stats, DEFAULT_LIMIT, MAX_LIMIT,
};
