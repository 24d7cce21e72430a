//! The command line: `serve` (the default), `migrate`, `openapi`, `rules`, `token`,
//! `client create`, `seed-demo`.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::config::Settings;
use crate::db::{migrate, Db};
use crate::domain::auth::Role;
use crate::security::jwt::{JwtKeys, TokenRequest};
use crate::startup::Application;

#[derive(Parser)]
#[command(
    name = "edugroups",
    version,
    about = "黔南州集团化办学 API — education groups of Qiannan prefecture"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the API (the default).
    Serve,
    /// Apply pending database migrations and exit.
    Migrate,
    /// Print the OpenAPI document.
    Openapi,
    /// Print the catalogue of rule ids and conflict codes as Markdown (`docs/RULES.md`).
    Rules,
    /// Print a signed token, for bootstrap and scripts.
    Token {
        /// Subject: who the token speaks for.
        #[arg(long)]
        sub: String,
        /// county_bureau, county_leading_group, prefecture_bureau, school_admin, council_member, inspector or integration.
        #[arg(long)]
        role: String,
        /// GB/T 2260 county code, for county-scoped roles.
        #[arg(long)]
        county: Option<String>,
        /// School id, for school_admin.
        #[arg(long)]
        school: Option<i64>,
        /// Lifetime in seconds (default EDUGROUPS_JWT_TTL_SECONDS).
        #[arg(long)]
        ttl: Option<i64>,
    },
    /// Service accounts for integrations.
    Client {
        #[command(subcommand)]
        command: ClientCommand,
    },
    /// Load a realistic demo data set (counties' schools and teachers).
    SeedDemo {
        /// `demo`: the 12 counties' demo; `county`: the demo, then Duyun grown to about 2,000
        /// schools and 50,000 persons (for benchmarks).
        #[arg(long, value_enum, default_value_t = crate::seed::Scale::Demo)]
        scale: crate::seed::Scale,
    },
}

#[derive(Subcommand)]
enum ClientCommand {
    /// Create a service account; prints its id and secret once.
    Create {
        #[arg(long)]
        name: String,
        #[arg(long)]
        role: String,
        #[arg(long)]
        county: Option<String>,
        #[arg(long)]
        school: Option<i64>,
    },
}

fn init_logging() {
    env_logger::Builder::from_env(
        env_logger::Env::default().default_filter_or("info,actix_server=warn"),
    )
    .init();
}

fn fail(msg: impl std::fmt::Display) -> ExitCode {
    eprintln!("edugroups: {msg}");
    ExitCode::FAILURE
}

fn parse_role(role: &str) -> Result<Role, String> {
    Role::parse(role).ok_or_else(|| format!("unknown role {role:?}; use one of: {}", Role::codes()))
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    init_logging();
    match cli.command.unwrap_or(Command::Serve) {
        Command::Openapi => print(&crate::http::openapi::document_json()),
        Command::Rules => print(&crate::domain::rules::catalogue::markdown()),
        Command::Serve => match Settings::from_env() {
            Err(e) => fail(e),
            Ok(settings) => actix_web::rt::System::new().block_on(async move {
                let app = match Application::build(&settings) {
                    Ok(app) => app,
                    Err(e) => return fail(e),
                };
                log::info!(
                    "edugroups {} serving on {} ({} database)",
                    env!("CARGO_PKG_VERSION"),
                    settings.bind,
                    crate::db::Backend::of_url(&settings.database_url).name()
                );
                match app.run_until_stopped().await {
                    Ok(()) => ExitCode::SUCCESS,
                    Err(e) => fail(e),
                }
            }),
        },
        Command::Migrate => {
            match Settings::from_env().and_then(|s| migrate::run(&s.database_url)) {
                Ok(n) => {
                    println!("applied {n} migration(s)");
                    ExitCode::SUCCESS
                }
                Err(e) => fail(e),
            }
        }
        Command::Token {
            sub,
            role,
            county,
            school,
            ttl,
        } => {
            let result = Settings::from_env()
                .and_then(|s| JwtKeys::from_settings(&s.jwt))
                .and_then(|keys| {
                    let role = parse_role(&role)?;
                    keys.issue(&TokenRequest {
                        sub,
                        role,
                        county,
                        school,
                        ttl_secs: ttl,
                    })
                    .map_err(|e| e.to_string())
                });
            match result {
                Ok((token, _)) => {
                    println!("{token}");
                    ExitCode::SUCCESS
                }
                Err(e) => fail(e),
            }
        }
        Command::Client {
            command:
                ClientCommand::Create {
                    name,
                    role,
                    county,
                    school,
                },
        } => {
            let settings = match Settings::from_env() {
                Ok(s) => s,
                Err(e) => return fail(e),
            };
            let role = match parse_role(&role) {
                Ok(r) => r,
                Err(e) => return fail(e),
            };
            actix_web::rt::System::new().block_on(async move {
                let db = match open_db(&settings) {
                    Ok(db) => db,
                    Err(e) => return fail(e),
                };
                match crate::service::auth::clients::create(&db, name, role, county, school).await {
                    Ok(c) => {
                        println!("client_id:     {}", c.client_id);
                        println!("client_secret: {}", c.client_secret);
                        println!(
                            "role:          {}{}",
                            c.role,
                            c.county
                                .map(|c| format!(" (county {c})"))
                                .unwrap_or_default()
                        );
                        println!("The secret is shown once and is not stored; keep it now.");
                        ExitCode::SUCCESS
                    }
                    Err(e) => fail(e.detail.en),
                }
            })
        }
        Command::SeedDemo { scale } => {
            let settings = match Settings::from_env() {
                Ok(s) => s,
                Err(e) => return fail(e),
            };
            actix_web::rt::System::new().block_on(async move {
                let db = match open_db(&settings) {
                    Ok(db) => db,
                    Err(e) => return fail(e),
                };
                match crate::seed::run(&db, &settings.province_code, scale).await {
                    Ok(summary) => {
                        println!("{summary}");
                        match crate::db::establish(&settings.database_url) {
                            Ok(mut conn) => {
                                if let Err(e) = migrate::analyze(&mut conn, true) {
                                    return fail(e);
                                }
                            }
                            Err(e) => return fail(e),
                        }
                        ExitCode::SUCCESS
                    }
                    Err(e) => fail(e),
                }
            })
        }
    }
}

/// Writes a generated document to standard output; a closed pipe (`edugroups openapi | head`)
/// is not an error worth a panic.
fn print(text: &str) -> ExitCode {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => fail(e),
    }
}

fn open_db(settings: &Settings) -> Result<Db, String> {
    migrate::run(&settings.database_url)?;
    Db::connect(&settings.database_url, 2).map_err(|e| e.to_string())
}
