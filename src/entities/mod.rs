//! Named entities: people, organisations and places, and their resolution across a collection.
