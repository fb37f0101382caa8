//! The web layer shared by every area: per-request context, pages, cookies,
//! input extractors and static files.

pub mod assets;
pub mod context;
pub mod cookies;
pub mod extract;
pub mod limits;
pub mod page;
pub mod qr;

pub use context::{Ctx, Identity};
pub use extract::{Form, Json};
pub use page::Page;
