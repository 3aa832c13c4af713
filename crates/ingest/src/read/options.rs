//! How records are read: the JSON field mapping and other reader options.

use serde_json::{Map, Value};

/// Names of the JSON fields that hold each part of an article.
///
/// Every field not set explicitly is found automatically among common names
/// (see [`FieldMapping::new`]). A name starting with `/` is a JSON Pointer
/// (`"/meta/headline"`) into nested objects. Chain setters by value:
/// `FieldMapping::new().title("hed").body("story")`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FieldMapping {
    id: Option<String>,
    title: Option<String>,
    body: Option<String>,
    published: Option<String>,
    url: Option<String>,
    outlet: Option<String>,
    authors: Option<String>,
    agency: Option<String>,
}

/// Automatic names, tried in order; the first present and non-null wins.
const ID: &[&str] = &["id", "_id", "doc_id", "docid", "uuid", "guid"];
const TITLE: &[&str] = &["title", "headline", "heading", "hed"];
const BODY: &[&str] = &[
    "body",
    "text",
    "content",
    "maintext",
    "article",
    "article_body",
    "articleBody",
    "full_text",
    "fulltext",
    "story",
    "description",
    "summary",
];
const PUBLISHED: &[&str] = &[
    "date",
    "published",
    "date_publish",
    "publishedAt",
    "pubDate",
    "published_at",
    "publish_date",
    "datePublished",
    "date_published",
    "pub_date",
    "timestamp",
    "created_at",
];
const URL: &[&str] = &["url", "link", "canonical_url", "canonicalUrl", "source_url", "href"];
const OUTLET: &[&str] =
    &["outlet", "source", "publisher", "site_name", "source_domain", "siteName", "publication"];
const AUTHORS: &[&str] = &["authors", "author", "byline", "creator", "writer"];
const AGENCY: &[&str] = &["agency", "wire"];

macro_rules! setter {
    ($name:ident, $what:literal, $auto:ident) => {
        #[doc = concat!("Reads ", $what, " from field `name` instead of the automatic names.")]
        #[doc = ""]
        #[doc = concat!("Default: automatic, the first of ", stringify!($auto), " present.")]
        pub fn $name(mut self, name: impl Into<String>) -> FieldMapping {
            self.$name = Some(name.into());
            self
        }
    };
}

impl FieldMapping {
    /// The automatic mapping. It looks for, in order:
    /// id: `id`, `_id`, `doc_id`, `docid`, `uuid`, `guid`;
    /// title: `title`, `headline`, `heading`, `hed`;
    /// body: `body`, `text`, `content`, `maintext`, `article`, `article_body`,
    /// `articleBody`, `full_text`, `fulltext`, `story`, `description`, `summary`;
    /// published: `date`, `published`, `date_publish`, `publishedAt`, `pubDate`,
    /// `published_at`, `publish_date`, `datePublished`, `date_published`,
    /// `pub_date`, `timestamp`, `created_at`;
    /// url: `url`, `link`, `canonical_url`, `canonicalUrl`, `source_url`, `href`;
    /// outlet: `outlet`, `source`, `publisher`, `site_name`, `source_domain`,
    /// `siteName`, `publication` (a string, or an object with `name`/`title`);
    /// authors: `authors`, `author`, `byline`, `creator`, `writer` (a string
    /// read as a byline, or an array of names / objects with `name`);
    /// agency: `agency`, `wire`.
    pub fn new() -> FieldMapping {
        FieldMapping::default()
    }

    setter!(id, "the id", ID);
    setter!(title, "the headline", TITLE);
    setter!(body, "the body text", BODY);
    setter!(published, "the publication date", PUBLISHED);
    setter!(url, "the URL", URL);
    setter!(outlet, "the outlet", OUTLET);
    setter!(authors, "the authors / byline", AUTHORS);
    setter!(agency, "the wire agency", AGENCY);

    /// The value of `field` in `obj`: the explicit name if set, else the
    /// first automatic name present. Null and blank strings count as absent.
    pub(crate) fn get<'a>(&self, field: Field, obj: &'a Map<String, Value>) -> Option<&'a Value> {
        let (explicit, auto) = match field {
            Field::Id => (&self.id, ID),
            Field::Title => (&self.title, TITLE),
            Field::Body => (&self.body, BODY),
            Field::Published => (&self.published, PUBLISHED),
            Field::Url => (&self.url, URL),
            Field::Outlet => (&self.outlet, OUTLET),
            Field::Authors => (&self.authors, AUTHORS),
            Field::Agency => (&self.agency, AGENCY),
        };
        match explicit {
            Some(name) => lookup(obj, name).filter(|v| is_present(v)),
            None => auto.iter().filter_map(|name| obj.get(*name)).find(|v| is_present(v)),
        }
    }
}

/// The parts of an article a JSON field can hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Field {
    Id,
    Title,
    Body,
    Published,
    Url,
    Outlet,
    Authors,
    Agency,
}

fn is_present(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::String(s) => !s.trim().is_empty(),
        Value::Array(a) => !a.is_empty(),
        _ => true,
    }
}

/// A plain key, or a JSON Pointer (`/a/b`) into nested values.
fn lookup<'a>(obj: &'a Map<String, Value>, name: &str) -> Option<&'a Value> {
    let Some(pointer) = name.strip_prefix('/') else { return obj.get(name) };
    let (first, rest) = match pointer.find('/') {
        Some(i) => (&pointer[..i], &pointer[i..]),
        None => (pointer, ""),
    };
    let first = first.replace("~1", "/").replace("~0", "~");
    obj.get(&first)?.pointer(rest)
}

/// Options every record is parsed with; cheap to clone and shared across
/// threads by [`RawRecord::parse`](crate::RawRecord::parse).
#[derive(Clone, Debug, Default)]
pub struct ReadOptions {
    pub(crate) mapping: FieldMapping,
}

impl ReadOptions {
    /// The default options: automatic JSON field mapping.
    pub fn new() -> ReadOptions {
        ReadOptions::default()
    }

    /// The JSON field mapping.
    pub fn field_mapping(&self) -> &FieldMapping {
        &self.mapping
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn obj(json: &str) -> Map<String, Value> {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn automatic_names_in_order_skipping_blanks() {
        let o = obj(r#"{"headline":"H","title":"  ","text":"T","maintext":"M"}"#);
        let m = FieldMapping::new();
        assert_eq!(m.get(Field::Title, &o), Some(&Value::from("H")));
        assert_eq!(m.get(Field::Body, &o), Some(&Value::from("T")));
        assert_eq!(m.get(Field::Url, &o), None);
    }

    #[test]
    fn explicit_names_and_pointers() {
        let o = obj(r#"{"hed":"H","meta":{"when":"2022-01-01","a/b":1},"title":"no"}"#);
        let m = FieldMapping::new().title("hed").published("/meta/when");
        assert_eq!(m.get(Field::Title, &o), Some(&Value::from("H")));
        assert_eq!(m.get(Field::Published, &o), Some(&Value::from("2022-01-01")));
        assert_eq!(FieldMapping::new().id("/meta/a~1b").get(Field::Id, &o), Some(&Value::from(1)));
        assert_eq!(FieldMapping::new().body("missing").get(Field::Body, &o), None);
    }
}
