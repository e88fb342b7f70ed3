//! The tag set: IOB2 over the four entity types, as small integers.

use crate::entity_type::EntityType;

/// Tag set: IOB2 over four types. 0 = O, 1 + 2*type = B-type, 2 + 2*type = I-type.
pub const N_TAGS: usize = 9;

/// Tag id for B-`ty` (ty: 0 PER, 1 ORG, 2 LOC, 3 MISC).
pub const fn b_tag(ty: u8) -> u8 {
    1 + 2 * ty
}
/// Tag id for I-`ty`.
pub const fn i_tag(ty: u8) -> u8 {
    2 + 2 * ty
}
/// Entity type index of a tag (None for O).
pub const fn tag_type(tag: u8) -> Option<u8> {
    if tag == 0 || tag as usize >= N_TAGS {
        None
    } else {
        Some((tag - 1) / 2)
    }
}

/// Tag name for a tagger type index (for tools).
pub fn type_name(tag: u8) -> Option<&'static str> {
    tag_type(tag).map(|t| EntityType::from_index(t).conll())
}
