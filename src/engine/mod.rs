//! The engine: one index and the operations the reader needs (search with
//! snippets and a timeline, the event timeline, opening an article,
//! statistics), with request and response types that cross to the page as
//! they are. Both the wasm boundary and the command-line tool are thin layers
//! over this.
//!
//! The in-memory [`Engine`] needs feature `inpage`; [`PrebuiltEngine`] and
//! what both share (search in `respond.rs`, the event timeline in
//! `events.rs`, facets and entity views in `entities.rs`, all over a
//! `collection::Collection`) do not.

mod collection;
mod entities;
mod events;
#[cfg(feature = "inpage")]
mod inpage;
mod prebuilt;
// Ranking only: the in-page index's (the prebuilt reader answers whole searches).
#[cfg(feature = "inpage")]
mod rank;
mod respond;
pub mod snippet;
pub mod timeline;
// Top-k ranking that skips blocks, for ranking only.
#[cfg(feature = "inpage")]
mod topk;
mod types;

pub use collection::DEFAULT_TOP;
pub use entities::{EntityProgress, EntityStats, EntityView};
pub use events::{
    EventDate, EventLane, EventOrder, EventRow, EventsRequest, EventsResponse, LaneSpan,
    ValueDescription,
};
#[cfg(feature = "inpage")]
pub use inpage::Engine;
pub use prebuilt::PrebuiltEngine;
#[cfg(feature = "inpage")]
pub use rank::{RankRequest, RankResponse};
#[cfg(feature = "inpage")]
pub use topk::RankScratch;
pub use types::{
    ArticleView, EntityListRequest, EntityListResponse, Facet, FacetGroup, FacetTotals, Facets,
    Features, Hit, MemoryStats, Reprint, SearchRequest, SearchResponse, Sort, Stats, DEFAULT_LIMIT,
    MAX_LIMIT,
};
