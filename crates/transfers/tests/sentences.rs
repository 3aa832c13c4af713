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
