//! What extraction returns: a transfer mention and its item kind and status.

use std::fmt;
use std::ops::Range;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// One arms-transfer mention in a passage: who supplies what to whom, and
/// who says so.
///
/// Serializes in the shape of the annotation guidelines and of the scorer
/// (`supplier`, `recipient`, `item`, `status`, `claimed_by`), plus the
/// evidence `span` as `{"start", "end"}`. `Display` gives the compact line
/// `North Korea → Russia · artillery and ammunition · denied (by North Korea)`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Transfer {
    /// The party that gives or sells (canonical name), if the passage or
    /// its article context says.
    pub supplier: Option<String>,
    /// The party that receives (canonical name), if the passage or its
    /// article context says.
    pub recipient: Option<String>,
    /// What moves.
    pub item: ItemKind,
    /// Whether the passage states, alleges, denies or plans it.
    pub status: Status,
    /// Who alleges or denies it (canonical name); `None` for reported and
    /// planned transfers, and when the claimant is not named.
    pub claimed_by: Option<String>,
    /// Byte range of the evidence in the passage text; always on `char`
    /// boundaries, within one sentence.
    pub span: Range<usize>,
}

impl fmt::Display for Transfer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let side = |s: &Option<String>| s.clone().unwrap_or_else(|| "?".to_string());
        write!(
            f,
            "{} → {} · {} · {}",
            side(&self.supplier),
            side(&self.recipient),
            self.item,
            self.status
        )?;
        match &self.claimed_by {
            Some(by) => write!(f, " (by {by})"),
            None => Ok(()),
        }
    }
}

/// The 10 kinds of item of the annotation guidelines. The serialized and
/// displayed form is the guideline string (`"artillery and ammunition"`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[non_exhaustive]
pub enum ItemKind {
    /// `small arms`: rifles, machine guns, grenade launchers…
    #[serde(rename = "small arms")]
    SmallArms,
    /// `artillery and ammunition`: shells, rounds, howitzers, mortars…
    #[serde(rename = "artillery and ammunition")]
    ArtilleryAndAmmunition,
    /// `missiles and rockets`: ballistic and cruise missiles, Javelins…
    #[serde(rename = "missiles and rockets")]
    MissilesAndRockets,
    /// `drones`: UAVs, Shaheds…
    #[serde(rename = "drones")]
    Drones,
    /// `air defense`: Stingers, Patriots, anti-aircraft systems…
    #[serde(rename = "air defense")]
    AirDefense,
    /// `tanks and armored vehicles`.
    #[serde(rename = "tanks and armored vehicles")]
    TanksAndArmoredVehicles,
    /// `aircraft`: fighter jets, helicopters…
    #[serde(rename = "aircraft")]
    Aircraft,
    /// `naval`: submarines, warships…
    #[serde(rename = "naval")]
    Naval,
    /// `technology and components`: military technology, parts, machine tools…
    #[serde(rename = "technology and components")]
    TechnologyAndComponents,
    /// `weapons (unspecified)`: arms, weapons, military aid given as equipment…
    #[serde(rename = "weapons (unspecified)")]
    Weapons,
}

impl ItemKind {
    /// All kinds, in guideline order.
    pub const ALL: [ItemKind; 10] = [
        ItemKind::SmallArms,
        ItemKind::ArtilleryAndAmmunition,
        ItemKind::MissilesAndRockets,
        ItemKind::Drones,
        ItemKind::AirDefense,
        ItemKind::TanksAndArmoredVehicles,
        ItemKind::Aircraft,
        ItemKind::Naval,
        ItemKind::TechnologyAndComponents,
        ItemKind::Weapons,
    ];

    /// The guideline string, e.g. `"air defense"`.
    pub fn as_str(self) -> &'static str {
        match self {
            ItemKind::SmallArms => "small arms",
            ItemKind::ArtilleryAndAmmunition => "artillery and ammunition",
            ItemKind::MissilesAndRockets => "missiles and rockets",
            ItemKind::Drones => "drones",
            ItemKind::AirDefense => "air defense",
            ItemKind::TanksAndArmoredVehicles => "tanks and armored vehicles",
            ItemKind::Aircraft => "aircraft",
            ItemKind::Naval => "naval",
            ItemKind::TechnologyAndComponents => "technology and components",
            ItemKind::Weapons => "weapons (unspecified)",
        }
    }
}

/// How the passage presents a transfer. Serialized and displayed in
/// lowercase (`"denied"`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Status {
    /// Stated as a fact, by the outlet or by a party about its own act.
    Reported,
    /// Claimed by some party, not presented as established.
    Alleged,
    /// Denied by a party.
    Denied,
    /// Announced, approved, pledged, requested, negotiated, paused or asked
    /// about in a question.
    Planned,
}

impl Status {
    /// All statuses.
    pub const ALL: [Status; 4] =
        [Status::Reported, Status::Alleged, Status::Denied, Status::Planned];

    /// The lowercase name, e.g. `"alleged"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Reported => "reported",
            Status::Alleged => "alleged",
            Status::Denied => "denied",
            Status::Planned => "planned",
        }
    }
}

impl fmt::Display for ItemKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The name was not one of the known values; holds the rejected text.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what} {given:?} (expected one of: {expected})")]
pub struct ParseNameError {
    what: &'static str,
    given: String,
    expected: String,
}

fn parse_name<T: Copy>(
    what: &'static str,
    all: &[T],
    name: fn(T) -> &'static str,
    given: &str,
) -> Result<T, ParseNameError> {
    let wanted = given.trim().replace(['_', '-'], " ").to_lowercase();
    // "weapons" alone is accepted for "weapons (unspecified)".
    let found = all.iter().copied().find(|&v| {
        let n = name(v);
        n == wanted || n.strip_suffix(" (unspecified)") == Some(wanted.as_str())
    });
    found.ok_or_else(|| ParseNameError {
        what,
        given: given.to_string(),
        expected: all.iter().map(|&v| name(v)).collect::<Vec<_>>().join(", "),
    })
}

impl FromStr for ItemKind {
    type Err = ParseNameError;

    /// Case-insensitive guideline name; `_` and `-` read as spaces, and
    /// `weapons` stands for `weapons (unspecified)`.
    fn from_str(s: &str) -> Result<ItemKind, ParseNameError> {
        parse_name("item kind", &ItemKind::ALL, ItemKind::as_str, s)
    }
}

impl FromStr for Status {
    type Err = ParseNameError;

    /// Case-insensitive status name (`denied`, `Alleged`…).
    fn from_str(s: &str) -> Result<Status, ParseNameError> {
        parse_name("status", &Status::ALL, Status::as_str, s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_through_serde_display_and_from_str() {
        for kind in ItemKind::ALL {
            let json = serde_json::to_string(&kind).unwrap();
            assert_eq!(json, format!("\"{kind}\""));
            assert_eq!(serde_json::from_str::<ItemKind>(&json).unwrap(), kind);
            assert_eq!(kind.to_string().parse::<ItemKind>().unwrap(), kind);
        }
        for status in Status::ALL {
            assert_eq!(serde_json::to_string(&status).unwrap(), format!("\"{status}\""));
            assert_eq!(status.to_string().to_uppercase().parse::<Status>().unwrap(), status);
        }
        assert_eq!("weapons".parse::<ItemKind>().unwrap(), ItemKind::Weapons);
        assert_eq!("air_defense".parse::<ItemKind>().unwrap(), ItemKind::AirDefense);
        let err = "rumoured".parse::<Status>().unwrap_err().to_string();
        assert!(err.contains("rumoured") && err.contains("denied"), "{err}");
    }

    #[test]
    fn a_transfer_serializes_in_the_scorer_shape_and_displays_as_one_line() {
        let t = Transfer {
            supplier: Some("North Korea".into()),
            recipient: Some("Russia".into()),
            item: ItemKind::ArtilleryAndAmmunition,
            status: Status::Denied,
            claimed_by: Some("North Korea".into()),
            span: 3..40,
        };
        let json = serde_json::to_value(&t).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"supplier": "North Korea", "recipient": "Russia",
                "item": "artillery and ammunition", "status": "denied",
                "claimed_by": "North Korea", "span": {"start": 3, "end": 40}})
        );
        assert_eq!(serde_json::from_value::<Transfer>(json).unwrap(), t);
        assert_eq!(
            t.to_string(),
            "North Korea → Russia · artillery and ammunition · denied (by North Korea)"
        );
        let open = Transfer { recipient: None, claimed_by: None, status: Status::Planned, ..t };
        assert_eq!(open.to_string(), "North Korea → ? · artillery and ammunition · planned");
    }
}
