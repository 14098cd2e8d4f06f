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

/// Every table as (name, its rows); a grouped table's rows start with their group's key.
fn all_tables() -> [(&'static str, Vec<Vec<&'static str>>); 9] {
    [
        ("OFFICIAL", rows(&data::OFFICIAL)),
        ("REMOVED", rows(&data::REMOVED)),
        (
            "PRODUCTS",
            data::PRODUCTS.iter().map(|r| vec![r.0, r.1]).collect(),
        ),
        (
            "CODENAMES",
            data::CODENAMES
                .iter()
                .map(|r| vec![r.0, r.1, r.2])
                .collect(),
        ),
        ("CYCLES", grouped_rows(data::CYCLES)),
        ("TAGS", data::TAGS.iter().map(|r| vec![r.0, r.1]).collect()),
        (
            "MINIMAL",
            data::MINIMAL.iter().map(|r| vec![r.0, r.1]).collect(),
        ),
        ("TITLES", rows(&data::TITLES)),
        ("LATEST", rows(&data::LATEST)),
    ]
}

fn rows(table: &Table) -> Vec<Vec<&'static str>> {
    assert!(table.0.is_ascii() && table.0.ends_with('\n'));
    table.0.lines().map(|l| l.split('\t').collect()).collect()
}

fn grouped_rows(groups: &'static [(&'static str, Table)]) -> Vec<Vec<&'static str>> {
    let keys: Vec<&str> = groups.iter().map(|g| g.0).collect();
    sorted_unique(&keys, "groups");
    let mut out = Vec::new();
    for (key, table) in groups {
        for mut row in rows(table) {
            row.insert(0, key);
            out.push(row);
        }
    }
    out
}

#[test]
fn tables_are_sorted_without_duplicates() {
    for (name, rows) in all_tables() {
        let key_len = if name == "CODENAMES" { 2 } else { 1 };
        assert!(!rows.is_empty(), "{name}");
        for row in &rows {
            // Only a key may not be empty (`openjdk` lists no tags the rules may pick).
            assert!(!row[0].is_empty(), "{name}: {row:?}");
            assert_eq!(row.len(), rows[0].len(), "{name}: {row:?}");
        }
        for pair in rows.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            if name == "CYCLES" {
                assert!(
                    a[0] < b[0] || (a[0] == b[0] && compare_versions(a[1], b[1]) == Ordering::Less),
                    "CYCLES at {a:?} {b:?}"
                );
            } else {
                assert!(a[..key_len] < b[..key_len], "{name} at {a:?} {b:?}");
            }
        }
    }
    for (image, tags) in data::TAGS.iter().chain(data::MINIMAL) {
        let list: Vec<&str> = tags.split_ascii_whitespace().collect();
        sorted_unique(&list, image);
    }
}

#[test]
fn every_cycle_date_parses() {
    for row in grouped_rows(data::CYCLES) {
        for text in [row[2], row[3]] {
            match support_from_text(text) {
                Support::Until(n) => assert!(
                    date_from_number(n).is_some_and(|d| d.to_string() == text),
                    "{row:?}"
                ),
                Support::Ended => assert_eq!(text, "ended", "{row:?}"),
                Support::Unscheduled => assert_eq!(text, "-", "{row:?}"),
            }
        }
        assert!(data::TITLES.contains(row[0]), "no title for {}", row[0]);
    }
    assert_eq!(as_of().to_string(), "2026-08-22");
}

#[test]
fn every_fix_target_exists() {
    for row in rows(&data::LATEST) {
        let (image, version) = (row[0], row[1]);
        assert!(is_official(image), "{image}");
        assert!(tag_exists(image, version), "{image}:{version}");
    }
    for row in data::PRODUCTS.iter().map(|r| [r.0]) {
        assert!(is_official(row[0]) || was_official(row[0]), "{}", row[0]);
    }
    for (image, _) in data::MINIMAL {
        assert!(is_official(image), "{image}");
    }
    // Every codename points at a cycle the tables know, except historical Node.js names.
    for row in data::CODENAMES.iter().map(|r| [r.0, r.1, r.2]) {
        let (product, name, cycle_name) = (row[0], row[1], row[2]);
        if product != "nodejs" {
            assert!(cycle(product, cycle_name).is_some(), "{product} {name}");
        }
    }
    // Every replacement the EOL rule can pick is a published tag.
    for (image, _) in data::TAGS {
        for tag in tags(image) {
            assert!(tag_exists(image, &tag), "{image}:{tag}");
            if let Some(target) = supported_replacement(image, &tag, as_of(), 12) {
                assert!(tag_exists(image, &target), "{image}:{tag} -> {target}");
            }
        }
    }
}

/// Keys to look up: every key of the reference tables, plus near misses around each
/// (a prefix, an extension, a neighbour) and the extremes.
fn probe_keys<'a>(keys: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut out = vec![
        String::new(),
        "0".into(),
        "~".into(),
        "zzzz".into(),
        "\t".into(),
    ];
    for key in keys {
        out.push(key.to_string());
        out.push(format!("{key}-"));
        out.push(format!("{key}\t"));
        out.push(format!("{key}z"));
        let mut chars = key.chars();
        chars.next_back();
        out.push(chars.as_str().to_string());
    }
    out
}

fn reference_lookup<T: Copy>(table: &[(&'static str, T)], key: &str) -> Option<T> {
    let i = table.binary_search_by(|(k, _)| k.cmp(&key)).ok()?;
    Some(table[i].1)
}

#[test]
fn lookups_agree_with_the_reference_arrays() {
    use reference as r;
    let products: Vec<&str> = r::CYCLES.iter().map(|c| c.0).collect();
    let all_names = r::OFFICIAL
        .iter()
        .chain(r::REMOVED)
        .copied()
        .chain(r::PRODUCTS.iter().map(|p| p.0))
        .chain(r::TAGS.iter().map(|p| p.0))
        .chain(r::MINIMAL.iter().map(|p| p.0))
        .chain(r::TITLES.iter().map(|p| p.0))
        .chain(r::LATEST.iter().map(|p| p.0))
        .chain(products.iter().copied());
    let probes = probe_keys(all_names);
    for key in &probes {
        let key = key.as_str();
        assert_eq!(
            is_official(key),
            r::OFFICIAL.binary_search(&key).is_ok(),
            "{key}"
        );
        assert_eq!(
            was_official(key),
            r::REMOVED.binary_search(&key).is_ok(),
            "{key}"
        );
        let reference_product = r::PRODUCTS
            .binary_search_by(|(k, _, _)| k.cmp(&key))
            .ok()
            .map(|i| (r::PRODUCTS[i].1, r::PRODUCTS[i].2));
        assert_eq!(product(key), reference_product, "{key}");
        let reference_tags: Vec<&str> = reference_lookup(r::TAGS, key)
            .unwrap_or("")
            .split_ascii_whitespace()
            .collect();
        assert_eq!(tags(key), reference_tags, "{key}");
        for tag in probe_keys(reference_tags.iter().copied()) {
            assert_eq!(
                tag_exists(key, &tag),
                reference_tags.contains(&tag.as_str()),
                "{key}:{tag}"
            );
        }
        let reference_minimal: Vec<&str> = reference_lookup(r::MINIMAL, key)
            .unwrap_or("")
            .split_ascii_whitespace()
            .collect();
        assert_eq!(
            minimal_suffixes(key).collect::<Vec<_>>(),
            reference_minimal,
            "{key}"
        );
        assert_eq!(
            latest_version(key),
            reference_lookup(r::LATEST, key),
            "{key}"
        );
        assert_eq!(
            title(key),
            reference_lookup(r::TITLES, key).unwrap_or(key),
            "{key}"
        );
        let reference_cycles: Vec<Cycle> = r::CYCLES
            .iter()
            .filter(|row| row.0 == key)
            .map(|row| Cycle {
                product: row.0,
                name: row.1,
                eol: row.2,
                eoes: row.3,
                latest: row.4,
            })
            .collect();
        assert_eq!(cycles(key).collect::<Vec<_>>(), reference_cycles, "{key}");
        assert_eq!(newest_cycle(key), reference_cycles.last().copied(), "{key}");
        for name in probe_keys(reference_cycles.iter().map(|c| c.name)) {
            let expected = reference_cycles.iter().find(|c| c.name == name).copied();
            assert_eq!(cycle(key, &name), expected, "{key} {name}");
        }
        let names = r::CODENAMES.iter().filter(|c| c.0 == key).map(|c| c.1);
        for name in probe_keys(names) {
            let expected = r::CODENAMES
                .iter()
                .find(|c| c.0 == key && c.1 == name)
                .map(|c| c.2);
            assert_eq!(codename(key, &name), expected, "{key} {name}");
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
        supported_replacement("node", "16-alpine", today, 12).as_deref(),
        Some("24-alpine")
    );
    assert_eq!(
        supported_replacement("node", "16", today, 12).as_deref(),
        Some("24")
    );
    assert_eq!(
        supported_replacement("python", "3.8-slim", today, 12).as_deref(),
        Some("3.11-slim")
    );
    assert_eq!(
        supported_replacement("python", "3.8.10-slim", today, 12).as_deref(),
        Some("3.11.16-slim")
    );
    assert_eq!(
        supported_replacement("python", "3.9-slim-buster", today, 12).as_deref(),
        Some("3.11-slim-trixie")
    );
    assert_eq!(
        supported_replacement("debian", "buster-slim", today, 12).as_deref(),
        Some("trixie-slim")
    );
    assert_eq!(
        supported_replacement("debian", "10", today, 12).as_deref(),
        Some("13")
    );
    // A later date moves the target.
    assert_eq!(
        supported_replacement("node", "16", date("2027-06-01"), 12).as_deref(),
        Some("26")
    );
    assert_eq!(
        supported_replacement("unknown", "1", today, 12).as_deref(),
        None
    );
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
