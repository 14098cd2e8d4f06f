//! How lint and fix-all time grow with the size of a Dockerfile, for the shapes that used
//! to make them quadratic: each shape repeated to fill 256 KiB and then 512 KiB, timed in
//! the same process (best of three). A ratio near 2 is linear; near 4, quadratic.
//!
//! `cargo run --release -p dockcoach-core --example scaling`

use dockcoach_core::{Applicability, Settings, check, fix};
use std::time::{Duration, Instant};

const SHAPES: &[&str] = &[
    "FROM x\n",
    "FROM x AS y\n",
    "FROM a AS b\nFROM b AS a\n",
    "FROM a\nCOPY --from=a b c\n",
    "FROM x AS y\nRUN apt-get update && yarn install\n",
    "WORKDIR a\n",
    "USER a\n",
    "RUN pip install -r r.txt\n",
    "RUN dnf install -y $X-1.0\n",
    "RUN apt-get install -y curl && echo hello\n",
    "ARG A=$A\n",
    "ENV A=1\n",
    "LABEL a=b\n",
    "CMD x\n",
    "COPY x.tar /\nRUN tar xf /x.tar\n",
    "RUN echo $UNDEFINED_$N\n",
    "from x\nRUN x\n",
];

fn best_of_three(run: impl Fn()) -> Duration {
    let mut best = Duration::MAX;
    for _ in 0..3 {
        let start = Instant::now();
        run();
        best = best.min(start.elapsed());
    }
    best
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    let settings = Settings::default();
    println!(
        "{:<48} {:>7} {:>9} {:>9} {:>5} {:>9} {:>9} {:>5}",
        "shape", "lines", "lint 256", "lint 512", "ratio", "fix 256", "fix 512", "ratio"
    );
    for shape in SHAPES {
        let texts: Vec<String> = [256 * 1024, 512 * 1024]
            .iter()
            .map(|size| format!("FROM debian:12\n{}", shape.repeat(size / shape.len())))
            .collect();
        let lint: Vec<Duration> = texts
            .iter()
            .map(|t| best_of_three(|| drop(check(t, &settings))))
            .collect();
        let fixes: Vec<Duration> = texts
            .iter()
            .map(|t| best_of_three(|| drop(fix(t, &settings, Applicability::Unsafe))))
            .collect();
        let lines = 512 * 1024 / shape.len() * shape.lines().count();
        println!(
            "{:<48} {:>7} {:>7.1}ms {:>7.1}ms {:>5.2} {:>7.1}ms {:>7.1}ms {:>5.2}",
            format!("{shape:?}"),
            lines,
            ms(lint[0]),
            ms(lint[1]),
            ms(lint[1]) / ms(lint[0]),
            ms(fixes[0]),
            ms(fixes[1]),
            ms(fixes[1]) / ms(fixes[0]),
        );
    }
}
