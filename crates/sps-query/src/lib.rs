//! SPS query language.
