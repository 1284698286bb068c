//! Which files a visitor may send: the owner's allow-list of media types
//! and a size limit, checked in the widget before any byte is sent and
//! again by the reference server (which also checks that the content is
//! what the name says).

/// The media types allowed by default: images a browser shows safely (not
/// SVG, which can carry script), PDF and plain text.
pub const DEFAULT_TYPES: &[&str] =
    &["image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf", "text/plain"];

/// The default size limit: 10 MB.
pub const DEFAULT_MAX_BYTES: u64 = 10 * 1024 * 1024;

/// What may be sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Policy {
    /// Allowed media types: exact (`application/pdf`) or a whole family
    /// (`image/*`).
    pub types: Vec<String>,
    /// The largest file, in bytes.
    pub max_bytes: u64,
}

impl Default for Policy {
    fn default() -> Self {
        Self { types: DEFAULT_TYPES.iter().map(|t| t.to_string()).collect(), max_bytes: DEFAULT_MAX_BYTES }
    }
}

impl Policy {
    /// Whether files of media type `mime` are allowed (parameters such as
    /// `; charset=utf-8` are ignored, case too). SVG never is, even under
    /// `image/*`: shown as an image it is harmless, opened it runs script.
    pub fn allows(&self, mime: &str) -> bool {
        let mime = mime.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
        let Some((family, _)) = mime.split_once('/') else { return false };
        if mime == "image/svg+xml" {
            return false;
        }
        self.types.iter().any(|t| {
            let t = t.trim().to_ascii_lowercase();
            t == mime || t.strip_suffix("/*") == Some(family)
        })
    }

    /// Checks a file before it is sent; the error is a locale message id.
    pub fn check(&self, mime: &str, size: u64) -> Result<(), &'static str> {
        if size == 0 {
            Err("attach-empty")
        } else if !self.allows(mime) {
            Err("attach-type")
        } else if size > self.max_bytes {
            Err("attach-too-large")
        } else {
            Ok(())
        }
    }

    /// The limit in whole megabytes, as the texts say it.
    pub fn max_mb(&self) -> u64 {
        self.max_bytes.div_ceil(1024 * 1024)
    }

    /// The list for a file input's `accept`.
    pub fn accept(&self) -> String {
        self.types.join(",")
    }
}

/// The locale id that explains an upload the server refused, by the
/// answer's HTTP status (0: no answer at all).
pub fn refusal(status: u16) -> &'static str {
    match status {
        413 => "upload-too-large",
        415 => "upload-type",
        422 => "upload-mismatch",
        429 => "message-failed-rate-limited",
        _ => "upload-failed",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_allows_images_pdf_and_text_up_to_10_mb() {
        let p = Policy::default();
        assert_eq!(p.check("image/png", 1), Ok(()));
        assert_eq!(p.check("application/pdf", DEFAULT_MAX_BYTES), Ok(()));
        assert_eq!(p.check("text/plain;charset=UTF-8", 5), Ok(()));
        assert_eq!(p.check("application/pdf", DEFAULT_MAX_BYTES + 1), Err("attach-too-large"));
        assert_eq!(p.check("application/x-msdownload", 5), Err("attach-type"));
        assert_eq!(p.check("", 5), Err("attach-type"));
        assert_eq!(p.check("image/png", 0), Err("attach-empty"));
        assert_eq!(p.max_mb(), 10);
    }

    #[test]
    fn a_family_allows_its_members_but_never_svg() {
        let p = Policy { types: vec!["image/*".into(), "Application/PDF".into()], max_bytes: 100 };
        assert!(p.allows("image/avif") && p.allows("IMAGE/PNG") && p.allows("application/pdf"));
        assert!(!p.allows("image/svg+xml") && !p.allows("text/plain") && !p.allows("imagepng"));
    }
}
