//! Table-driven tests on sentences written for these tests (not taken from
//! the evaluation data): each status, each role order, passives, aliases,
//! negation, questions, coordination, several transfers, none.

use newsdex_transfers::{Extractor, PassageContext};

/// One expectation: the passage (with optional outlet, title, date) and
/// its transfers as `supplier > recipient | item | status | claimed_by`
/// lines (`-` for none), in order.
struct Case {
    text: &'static str,
    outlet: Option<&'static str>,
    title: &'static str,
    published: Option<&'static str>,
    want: &'static [&'static str],
}

const fn case(text: &'static str, want: &'static [&'static str]) -> Case {
    Case { text, outlet: None, title: "", published: None, want }
}

fn line(t: &newsdex_transfers::Transfer) -> String {
    let side = |s: &Option<String>| s.clone().unwrap_or_else(|| "-".into());
    format!(
        "{} > {} | {} | {} | {}",
        side(&t.supplier),
        side(&t.recipient),
        t.item,
        t.status,
        side(&t.claimed_by)
    )
}

fn run(cases: &[Case]) {
    let extractor = Extractor::default();
    let mut failures = Vec::new();
    for c in cases {
        let mut ctx = PassageContext::new(c.text).title(c.title);
        ctx.outlet = c.outlet;
        ctx.published = c.published;
        let got: Vec<String> = extractor.extract(&ctx).iter().map(line).collect();
        if got != c.want {
            failures.push(format!("{}\n  want {:?}\n  got  {:?}", c.text, c.want, got));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn role_orders() {
    run(&[
        case(
            "Belarus sent tens of thousands of rounds of ammunition to Russia last month.",
            &["Belarus > Russia | artillery and ammunition | reported | -"],
        ),
        case(
            "Egypt bought 24 fighter jets from France in 2015.",
            &["France > Egypt | aircraft | reported | -"],
        ),
        case(
            "The rebels were supplied with anti-tank missiles by Syria.",
            &["Syria > - | missiles and rockets | reported | -"],
        ),
        case(
            "Germany delivered the submarines to Israel, officials in Berlin confirmed.",
            &["Germany > Israel | naval | reported | -"],
        ),
        case(
            "Turkey has been providing Azerbaijan with armed drones.",
            &["Turkey > Azerbaijan | drones | reported | -"],
        ),
    ]);
}

#[test]
fn statuses() {
    run(&[
        case(
            "Pakistan denied selling rifles to the Taliban.",
            &["Pakistan > Taliban | small arms | denied | Pakistan"],
        ),
        case(
            "Norway will send NASAMS air defense systems to Ukraine.",
            &["Norway > Ukraine | air defense | planned | -"],
        ),
    ]);
}

#[test]
fn each_status() {
    run(&[
        case(
            "Iran delivered hundreds of drones to Russia in August.",
            &["Iran > Russia | drones | reported | -"],
        ),
        case(
            "US officials say North Korea has shipped artillery shells to Russia.",
            &["North Korea > Russia | artillery and ammunition | alleged | United States"],
        ),
        case(
            "Ukraine accused Belarus of supplying tanks to Russia.",
            &["Belarus > Russia | tanks and armored vehicles | alleged | Ukraine"],
        ),
        case(
            "The Kremlin denied buying missiles from Pyongyang.",
            &["North Korea > Russia | missiles and rockets | denied | Russia"],
        ),
        case(
            "Germany will send tanks to Ukraine next spring.",
            &["Germany > Ukraine | tanks and armored vehicles | planned | -"],
        ),
        case(
            "Poland has pledged fighter jets to Ukraine.",
            &["Poland > Ukraine | aircraft | planned | -"],
        ),
        // A plan verb in the passive after the transfer noun.
        case(
            "The sale of F-35s to the United Arab Emirates was approved by Washington.",
            &["United States > United Arab Emirates | aircraft | planned | -"],
        ),
        // An ongoing transfer is a fact, though an infinitive follows.
        case(
            "Iran continues to supply drones to Russia.",
            &["Iran > Russia | drones | reported | -"],
        ),
        case("Iran wants to supply drones to Russia.", &["Iran > Russia | drones | planned | -"]),
    ]);
}

#[test]
fn both_role_orders_and_the_passive() {
    run(&[
        case(
            "China supplied rifles to Pakistan.",
            &["China > Pakistan | small arms | reported | -"],
        ),
        case(
            "Russia received artillery shells from North Korea.",
            &["North Korea > Russia | artillery and ammunition | reported | -"],
        ),
        case(
            "The drones were supplied by Iran to Russia.",
            &["Iran > Russia | drones | reported | -"],
        ),
        case(
            "Artillery shells were sent to Russia by North Korea.",
            &["North Korea > Russia | artillery and ammunition | reported | -"],
        ),
    ]);
}

/// A transfer verb with a named object takes its item from the passage; a
/// bare one does not.
#[test]
fn item_from_the_passage() {
    run(&[
        case(
            "Stocks of artillery shells are running low. Germany will provide Ukraine with more.",
            &["Germany > Ukraine | artillery and ammunition | planned | -"],
        ),
        case("Artillery shells are running low. Let me give you one example.", &[]),
    ]);
}

#[test]
fn aliases() {
    run(&[
        case(
            "Pyongyang sent missiles to Moscow.",
            &["North Korea > Russia | missiles and rockets | reported | -"],
        ),
        case(
            "The DPRK shipped rockets to Russia.",
            &["North Korea > Russia | missiles and rockets | reported | -"],
        ),
        // A quantity makes the transfer word a noun; its "with" names the
        // counterpart.
        case(
            "Washington approved $2 billion arms sales with Taiwan.",
            &["United States > Taiwan | weapons (unspecified) | planned | -"],
        ),
        case(
            "The Pentagon delivered air defense systems to Kyiv.",
            &["United States > Ukraine | air defense | reported | -"],
        ),
        case("The Kremlin bought drones from Tehran.", &["Iran > Russia | drones | reported | -"]),
    ]);
}

#[test]
fn negation_and_questions() {
    run(&[
        case(
            "Israel has not supplied weapons to Ukraine, its defense minister said.",
            &["Israel > Ukraine | weapons (unspecified) | denied | Israel"],
        ),
        case(
            "Will France send fighter jets to Ukraine?",
            &["France > Ukraine | aircraft | planned | -"],
        ),
        case(
            "Q Has Iran delivered ballistic missiles to Russia?",
            &["Iran > Russia | missiles and rockets | planned | -"],
        ),
    ]);
}

/// A denial with the accusation it answers: denied by the denier, alleged
/// by the accuser, even when a relative clause about the accuser follows.
#[test]
fn denial_of_an_accusation() {
    run(&[
        case(
        "Minsk refuted allegations by Kyiv's defense spokesman, who said the shells from Belarus \
         to Russia were moved by rail.",
        &[
            "Belarus > Russia | artillery and ammunition | denied | Belarus",
            "Belarus > Russia | artillery and ammunition | alleged | Ukraine",
        ],
    ),
    // The denier speaks after the quote; the quote's own subject accuses.
    case(
        "\"Washington keeps spreading groundless claims of missile deliveries from Iran to \
         Russia,\" Tehran's foreign ministry spokesman said.",
        &[
            "Iran > Russia | missiles and rockets | denied | Iran",
            "Iran > Russia | missiles and rockets | alleged | United States",
        ],
    )]);
}

#[test]
fn several_transfers_in_one_passage() {
    run(&[
        case(
            "Iran sent drones to Russia. Separately, North Korea shipped artillery shells to Russia.",
            &[
                "Iran > Russia | drones | reported | -",
                "North Korea > Russia | artillery and ammunition | reported | -",
            ],
        ),
        case(
            "The US and Germany will send tanks to Ukraine.",
            &[
                "United States > Ukraine | tanks and armored vehicles | planned | -",
                "Germany > Ukraine | tanks and armored vehicles | planned | -",
            ],
        ),
    ]);
}

#[test]
fn no_transfer() {
    run(&[
        case("North Korea tested a ballistic missile on Tuesday.", &[]),
        case("Russia fired missiles at Kyiv overnight.", &[]),
        case("The summit in Geneva discussed arms control.", &[]),
    ]);
}

/// A recipient the transfer's clause leaves open is the one other state the
/// passage (else the title) names; with two candidates it stays open.
#[test]
fn open_recipient_from_the_passage_or_title() {
    let white_house = |text, title| Case {
        text,
        outlet: Some("The White House (Briefing Room)"),
        title,
        published: Some("2023-05-02"),
        want: &[],
    };
    run(&[
        Case {
            want: &["United States > Ukraine | artillery and ammunition | planned | -"],
            ..white_house(
                "The Secretary of Defense was in Ukraine today. We announced a new security \
                 assistance package, which includes more artillery rounds.",
                "",
            )
        },
        Case {
            want: &["United States > Moldova | small arms | reported | -"],
            ..white_house("We have sent rifles and ammunition.", "Remarks on Moldova")
        },
        // The target of an attack is no recipient.
        case(
            "Iran has supplied drones used in attacks against Ukraine.",
            &["Iran > - | drones | reported | -"],
        ),
        Case {
            want: &["United States > - | small arms | reported | -"],
            ..white_house(
                "We have sent rifles and ammunition. Georgia and Moldova are watching.",
                "Remarks on Moldova",
            )
        },
    ]);
}

/// Clause structure around the transfer: a determined name before a verb,
/// a reporting clause after a comma, a participle after a comma, a second
/// clause with its own transfer word.
#[test]
fn clause_boundaries() {
    run(&[
        case(
            "The US sent Javelins to Ukraine, and Russia received drones from Iran.",
            &[
                "United States > Ukraine | missiles and rockets | reported | -",
                "Iran > Russia | drones | reported | -",
            ],
        ),
        case(
            "China has not sent weapons to Russia, Washington said.",
            &["China > Russia | weapons (unspecified) | denied | United States"],
        ),
        case(
            "Washington approved the sale of 66 F-16s to Taiwan, angering Beijing.",
            &["United States > Taiwan | aircraft | planned | -"],
        ),
        case(
            "Sweden will send tanks to Ukraine, Moldova and Georgia.",
            &[
                "Sweden > Ukraine | tanks and armored vehicles | planned | -",
                "Sweden > Moldova | tanks and armored vehicles | planned | -",
                "Sweden > Georgia | tanks and armored vehicles | planned | -",
            ],
        ),
        case(
            "Ukraine received F-16 jets from Denmark and the Netherlands.",
            &[
                "Denmark > Ukraine | aircraft | reported | -",
                "Netherlands > Ukraine | aircraft | reported | -",
            ],
        ),
        // "ships" is a noun here, not a transfer verb.
        case(
            "The Houthis used Iranian-made missiles to attack ships in the Red Sea.",
            &["Iran > Houthis | missiles and rockets | reported | -"],
        ),
        case(
            "Saudi Arabia agreed to buy 48 jets from Britain.",
            &["United Kingdom > Saudi Arabia | aircraft | planned | -"],
        ),
    ]);
}

/// A party that says, believes, warns or claims something about a transfer
/// is its claimant, not its supplier; and "X rejected Y's claim that it…"
/// is about X.
#[test]
fn claimants_are_not_suppliers() {
    run(&[
        case(
            "Washington believes the missiles shipped last month are too few to help Russia win.",
            &[],
        ),
        case(
            "Kim will visit Beijing, a trip Washington has warned could end in an arms deal.",
            &[],
        ),
        case(
            "Tehran rejected London's claims that it had shipped drones to Moscow.",
            &[
                "Iran > Russia | drones | denied | Iran",
                "Iran > Russia | drones | alleged | United Kingdom",
            ],
        ),
        Case {
            text: "Officials did not know whether Iran had received the missiles.",
            outlet: None,
            title: "Seoul Rejects U.S. Claims of Missile Sales to Iran",
            published: None,
            want: &["- > Iran | missiles and rockets | planned | -"],
        },
    ]);
}
