//! The CI page: the last two practices dockcoach teaches (lint Dockerfiles in CI, scan
//! images for known vulnerabilities) as a ready-to-commit pipeline from the core's
//! generator (the same text as the CLI's `dockcoach ci`), with copy and download.

use crate::components::fixed::copy;
use crate::dom;
use crate::state::Action;
use dockcoach_core::knowledge::ci::{Platform, Scanner, pipeline};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CiPageProps {
    pub on_action: Callback<Action>,
}

#[function_component(CiPage)]
pub fn ci_page(props: &CiPageProps) -> Html {
    let platform = use_state(|| Platform::Github);
    let scanner = use_state(|| Scanner::Trivy);
    let text = pipeline(*platform, *scanner);
    let path = platform.path();
    // Browsers drop the leading dot of a downloaded file's name (`.gitlab-ci.yml`),
    // so the download is named without it and the page says where the file goes.
    let file_name = path
        .rsplit('/')
        .next()
        .unwrap_or(path)
        .trim_start_matches('.')
        .to_string();

    let on_platform = {
        let platform = platform.clone();
        Callback::from(move |e: Event| {
            if let Some(p) = Platform::parse(&dom::select_value(&e)) {
                platform.set(p);
            }
        })
    };
    let on_scanner = {
        let scanner = scanner.clone();
        Callback::from(move |e: Event| {
            if let Some(s) = Scanner::parse(&dom::select_value(&e)) {
                scanner.set(s);
            }
        })
    };
    let on_copy = {
        let text = text.clone();
        let on_action = props.on_action.clone();
        Callback::from(move |_| copy(text.clone(), "Pipeline", on_action.clone()))
    };
    let on_download = {
        let text = text.clone();
        Callback::from(move |_| dom::download_text(&file_name, &text, "text/yaml"))
    };
    let is_github = *platform == Platform::Github;
    let is_trivy = *scanner == Scanner::Trivy;

    html! {
        <article class="page" data-testid="ci-page">
            <p><a href="#">{"← Back to the playground"}</a></p>
            <h2>{"Lint and scan in CI"}</h2>
            <p>
                {"The playground checks one Dockerfile while you write it. Two practices need your pipeline: "}
                <strong>{"lint every Dockerfile on every change"}</strong>
                {" (so a finding fails the build, not a review), and "}
                <strong>{"scan every image you build for known vulnerabilities"}</strong>
                {". A linter reads the Dockerfile; a scanner reads the built image's packages and compares them with vulnerability databases, so it also finds problems no Dockerfile shows."}
            </p>
            <p>
                {"This pipeline runs dockcoach on the Dockerfiles, builds the image and scans it, failing on HIGH or CRITICAL vulnerabilities. "}
                {"Trivy, or Grype with Syft for the SBOM: both are maintained. The Anchore Engine scanner that older guides recommend is retired; Grype and Syft replaced it."}
            </p>
            <div class="ci-options">
                <label for="ci-platform">{"CI service"}</label>
                <select id="ci-platform" data-testid="ci-platform" onchange={on_platform}>
                    <option value="github" selected={is_github}>{"GitHub Actions"}</option>
                    <option value="gitlab" selected={!is_github}>{"GitLab CI/CD"}</option>
                </select>
                <label for="ci-scanner">{"Scanner"}</label>
                <select id="ci-scanner" data-testid="ci-scanner" onchange={on_scanner}>
                    <option value="trivy" selected={is_trivy}>{"Trivy"}</option>
                    <option value="grype" selected={!is_trivy}>{"Grype + Syft"}</option>
                </select>
            </div>
            <p>{"Save it as "}<code data-testid="ci-path">{path}</code>{" (a downloaded file loses any leading dot in its name). Pin the actions or images to commit digests before you rely on it."}</p>
            <div class="row">
                <button type="button" class="btn btn-primary" data-testid="ci-copy" onclick={on_copy}>{"Copy"}</button>
                <button type="button" class="btn" data-testid="ci-download" onclick={on_download}>{"Download"}</button>
            </div>
            <pre class="ci-pipeline" data-testid="ci-pipeline" tabindex="0" aria-label="The pipeline">{text}</pre>
            <p class="muted">{"The same text comes from the command line: "}<code>{"dockcoach ci github --scanner trivy"}</code>{"."}</p>
        </article>
    }
}
