//! The examples menu: one Dockerfile per practice dockcoach teaches.

pub struct Example {
    pub id: &'static str,
    pub title: &'static str,
    pub text: &'static str,
}

pub const EXAMPLES: &[Example] = &[
    Example {
        id: "tour",
        title: "A tour of common mistakes",
        text: include_str!("../../examples/Dockerfile"),
    },
    Example {
        id: "official",
        title: "Official images from verified publishers",
        text: "FROM someuser/python:3.12-slim\nCOPY app.py /app/\nUSER nobody\nCMD [\"python\", \"/app/app.py\"]\n",
    },
    Example {
        id: "minimal",
        title: "Minimal base images",
        text: "FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN pip install --no-cache-dir -r requirements.txt\nUSER nobody\nCMD [\"python\", \"app.py\"]\n",
    },
    Example {
        id: "pinned",
        title: "Pinned base image versions",
        text: "FROM node\nWORKDIR /app\nCOPY . .\nRUN npm ci\n\nFROM redis:latest\nCOPY --from=0 /app /app\nUSER redis\n",
    },
    Example {
        id: "eol",
        title: "End-of-life base images",
        text: "FROM python:3.7-slim\nCOPY app.py /app/\nUSER nobody\nCMD [\"python\", \"/app/app.py\"]\n",
    },
    Example {
        id: "user",
        title: "A non-root user",
        text: "FROM node:22-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci --omit=dev\nUSER root\nCMD node server.js\n",
    },
    Example {
        id: "apt",
        title: "Lean, reproducible package installs",
        text: "FROM debian:12\nRUN apt-get update && apt-get install -y curl ca-certificates\nRUN curl -fsSL https://example.invalid/install.sh | sh\nUSER nobody\n",
    },
    Example {
        id: "style",
        title: "Style and deprecated syntax",
        text: "from alpine:3.20 as base\nMAINTAINER Jane <jane@example.com>\nENV APP_HOME /app\nadd app /app\nUSER nobody\n",
    },
];

/// The Dockerfile a new visitor sees.
pub fn default_text() -> &'static str {
    EXAMPLES[0].text
}
