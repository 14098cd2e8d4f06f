//! How lint time grows with the size of a Dockerfile, for the shapes that used to make it
//! quadratic: each shape repeated to fill 256 KiB and then 512 KiB, timed in the same
//! process (best of three). A ratio near 2 is linear; near 4, quadratic.
//!
//! `cargo run --release -p dockcoach-core --example scaling`

use dockcoach_core::{Settings, check};
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

fn best_of_three(text: &str, settings: &Settings) -> (Duration, usize) {
    let mut best = Duration::MAX;
    let mut findings = 0;
    for _ in 0..3 {
        let start = Instant::now();
        findings = check(text, settings).len();
        best = best.min(start.elapsed());
    }
    (best, findings)
}

fn main() {
    let settings = Settings::default();
    println!(
        "{:<48} {:>9} {:>10} {:>10} {:>6}",
        "shape", "lines", "256 KiB", "512 KiB", "ratio"
    );
    for shape in SHAPES {
        let times: Vec<(Duration, usize)> = [256 * 1024, 512 * 1024]
            .iter()
            .map(|size| {
                let text = format!("FROM debian:12\n{}", shape.repeat(size / shape.len()));
                best_of_three(&text, &settings)
            })
            .collect();
        let (small, _) = times[0];
        let (large, _) = times[1];
        let lines = 512 * 1024 / shape.len() * shape.lines().count();
        println!(
            "{:<48} {:>9} {:>8.1}ms {:>8.1}ms {:>6.2}",
            format!("{shape:?}"),
            lines,
            small.as_secs_f64() * 1000.0,
            large.as_secs_f64() * 1000.0,
            large.as_secs_f64() / small.as_secs_f64()
        );
    }
}
