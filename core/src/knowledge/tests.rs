use super::*;

fn date(text: &str) -> Date {
    Date::parse(text).unwrap()
}

fn sorted_unique(keys: &[&str], what: &str) {
    for pair in keys.windows(2) {
        assert!(
            pair[0] < pair[1],
            "{what} not sorted or duplicated at {pair:?}"
        );
    }
}

#[test]
fn tables_are_sorted_without_duplicates() {
    sorted_unique(data::OFFICIAL, "OFFICIAL");
    sorted_unique(data::REMOVED, "REMOVED");
    let keys: Vec<&str> = data::PRODUCTS.iter().map(|r| r.0).collect();
    sorted_unique(&keys, "PRODUCTS");
    let keys: Vec<&str> = data::TAGS.iter().map(|r| r.0).collect();
    sorted_unique(&keys, "TAGS");
    let keys: Vec<&str> = data::MINIMAL.iter().map(|r| r.0).collect();
    sorted_unique(&keys, "MINIMAL");
    let keys: Vec<&str> = data::LATEST.iter().map(|r| r.0).collect();
    sorted_unique(&keys, "LATEST");
    let keys: Vec<&str> = data::TITLES.iter().map(|r| r.0).collect();
    sorted_unique(&keys, "TITLES");
    for pair in data::CODENAMES.windows(2) {
        assert!(
            (pair[0].0, pair[0].1) < (pair[1].0, pair[1].1),
            "CODENAMES at {pair:?}"
        );
    }
    for pair in data::CYCLES.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        assert!(
            a.0 < b.0 || (a.0 == b.0 && compare_versions(a.1, b.1) == Ordering::Less),
            "CYCLES at {a:?} {b:?}"
        );
    }
    for (image, tags) in data::TAGS.iter().chain(data::MINIMAL) {
        let list: Vec<&str> = tags.split_ascii_whitespace().collect();
        sorted_unique(&list, image);
    }
}

#[test]
fn every_cycle_date_parses() {
    for row in data::CYCLES {
        for support in [row.2, row.3] {
            if let Support::Until(n) = support {
                assert!(date_from_number(n).is_some(), "{row:?}");
            }
        }
        assert!(
            data::TITLES.iter().any(|t| t.0 == row.0),
            "no title for {}",
            row.0
        );
    }
    assert_eq!(as_of().to_string(), "2026-08-22");
}

#[test]
fn every_fix_target_exists() {
    for (image, version) in data::LATEST {
        assert!(is_official(image), "{image}");
        assert!(tag_exists(image, version), "{image}:{version}");
    }
    for (image, _, _) in data::PRODUCTS {
        assert!(is_official(image) || was_official(image), "{image}");
    }
    for (image, _) in data::MINIMAL {
        assert!(is_official(image), "{image}");
    }
    // Every codename points at a cycle the tables know, except historical Node.js names.
    for (product, name, cycle_name) in data::CODENAMES {
        if *product != "nodejs" {
            assert!(cycle(product, cycle_name).is_some(), "{product} {name}");
        }
    }
    // Every replacement the EOL rule can pick is a published tag.
    for (image, _) in data::TAGS {
        for tag in tags(image) {
            if let Some(target) = supported_replacement(image, tag, as_of(), 12) {
                assert!(tag_exists(image, target), "{image}:{tag} -> {target}");
            }
        }
    }
}

#[test]
fn official_names() {
    assert!(is_official("node"));
    assert!(is_official("python"));
    assert!(!is_official("bitnami/node"));
    assert!(!is_official("centos"));
    assert!(was_official("centos"));
}

#[test]
fn tags_map_to_cycles() {
    let c = tag_cycles("node", "18-alpine");
    assert_eq!(c.primary.map(|c| c.name), Some("18"));
    assert_eq!(c.variant, "{v}-alpine");
    let c = tag_cycles("node", "jod-slim");
    assert_eq!(c.primary.map(|c| c.name), Some("22"));
    let c = tag_cycles("debian", "bookworm-slim");
    assert_eq!(c.primary.map(|c| c.label()).as_deref(), Some("Debian 12"));
    assert_eq!(c.os, None);
    let c = tag_cycles("python", "3.9-slim-buster");
    assert_eq!(c.primary.map(|c| c.name), Some("3.9"));
    assert_eq!(c.os.map(|c| c.label()).as_deref(), Some("Debian 10"));
    assert_eq!(c.variant, "{v}-slim-{debian}");
    let c = tag_cycles("golang", "1.22-alpine3.20");
    assert_eq!(
        c.os.map(|c| c.label()).as_deref(),
        Some("Alpine Linux 3.20")
    );
    let c = tag_cycles("postgres", "9.6");
    assert_eq!(c.primary.map(|c| c.name), Some("9.6"));
    let c = tag_cycles("postgres", "16.2-alpine");
    assert_eq!(c.primary.map(|c| c.name), Some("16"));
    let c = tag_cycles("python", "3");
    assert_eq!(c.primary.map(|c| c.name), Some("3.14"));
    let c = tag_cycles("ubuntu", "bionic");
    assert_eq!(c.primary.map(|c| c.name), Some("18.04"));
    let c = tag_cycles("eclipse-temurin", "8u402-b06-jdk");
    assert_eq!(c.primary.map(|c| c.name), Some("8"));
    let c = tag_cycles("eclipse-temurin", "17-jre-alpine-3.18");
    assert_eq!(
        c.os.map(|c| c.label()).as_deref(),
        Some("Alpine Linux 3.18")
    );
    // Unknown images and tags: nothing, no panic.
    assert_eq!(tag_cycles("nonexistent", "1.2").primary, None);
    assert_eq!(tag_cycles("node", "").primary, None);
    assert_eq!(tag_cycles("node", "-").primary, None);
    assert_eq!(tag_cycles("node", "latest").primary, None);
}

#[test]
fn status_of_cycles() {
    let debian12 = cycle("debian", "12").unwrap();
    assert_eq!(debian12.status(date("2026-07-11")), Status::Supported);
    assert_eq!(
        debian12.status(date("2026-08-22")),
        Status::Extended {
            eol: Some(date("2026-07-11")),
            until: date("2028-06-30")
        }
    );
    assert!(matches!(
        debian12.status(date("2028-07-01")),
        Status::Ended { .. }
    ));
    let node16 = cycle("nodejs", "16").unwrap();
    assert!(matches!(
        node16.status(date("2026-08-22")),
        Status::Ended { .. }
    ));
    let go127 = cycle("golang", "1.27").unwrap();
    assert_eq!(go127.status(date("2040-01-01")), Status::Supported);
}

#[test]
fn replacements_keep_the_variant() {
    let today = date("2026-08-22");
    assert_eq!(
        supported_replacement("node", "16-alpine", today, 12),
        Some("24-alpine")
    );
    assert_eq!(supported_replacement("node", "16", today, 12), Some("24"));
    assert_eq!(
        supported_replacement("python", "3.8-slim", today, 12),
        Some("3.11-slim")
    );
    assert_eq!(
        supported_replacement("python", "3.8.10-slim", today, 12),
        Some("3.11.16-slim")
    );
    assert_eq!(
        supported_replacement("python", "3.9-slim-buster", today, 12),
        Some("3.11-slim-trixie")
    );
    assert_eq!(
        supported_replacement("debian", "buster-slim", today, 12),
        Some("trixie-slim")
    );
    assert_eq!(supported_replacement("debian", "10", today, 12), Some("13"));
    // A later date moves the target.
    assert_eq!(
        supported_replacement("node", "16", date("2027-06-01"), 12),
        Some("26")
    );
    assert_eq!(supported_replacement("unknown", "1", today, 12), None);
}

#[test]
fn latest_versions() {
    assert_eq!(latest_version("node"), Some("26.7.0"));
    assert_eq!(latest_version("redis"), Some("8.10.1"));
    assert_eq!(latest_version("nope"), None);
}

#[test]
fn month_arithmetic() {
    assert_eq!(add_months(date("2026-08-22"), 12).to_string(), "2027-08-22");
    assert_eq!(add_months(date("2026-12-31"), 1).to_string(), "2027-01-28");
}
