//! The command line's account tools: `salam-demo admin create` makes the
//! first admin (or any account), `salam-demo token create` an API token.

use crate::accounts::{check_account, hash_password};
use crate::server::{now_ms, random_hex, token_hash};
use crate::store::{NewAccount, Role, Store};

pub const USAGE: &str =
    "usage: salam-demo admin create --email ADDRESS --name NAME [--role admin|agent] [--db FILE|URL]
       salam-demo token create --email ADDRESS --label LABEL [--db FILE|URL]
The password is $SALAM_PASSWORD if set, else a new one, printed once. The token is printed once.";

/// Runs `args` (after `admin` or `token`); the process's exit code.
pub async fn run(command: &str, args: &[String]) -> i32 {
    match run_inner(command, args).await {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("{e}");
            2
        }
    }
}

async fn run_inner(command: &str, args: &[String]) -> Result<(), String> {
    let (verb, rest) = args.split_first().ok_or(USAGE)?;
    let mut flags = std::collections::HashMap::new();
    let mut it = rest.iter();
    while let Some(flag) = it.next() {
        let name = flag.strip_prefix("--").ok_or_else(|| format!("unexpected {flag}\n{USAGE}"))?;
        let value = it.next().ok_or_else(|| format!("{flag} needs a value\n{USAGE}"))?;
        flags.insert(name.to_string(), value.clone());
    }
    let get = |name: &str| flags.get(name).cloned().ok_or_else(|| format!("--{name} is needed\n{USAGE}"));
    let db = flags.get("db").cloned().unwrap_or_else(|| "salam-demo.sqlite3".into());
    let store = Store::open(&db).await.map_err(|e| format!("cannot open the database: {e}"))?;
    match (command, verb.as_str()) {
        ("admin", "create") => {
            let (email, name) = (get("email")?, get("name")?);
            let role = match flags.get("role").map(String::as_str) {
                None | Some("admin") => Role::Admin,
                Some("agent") => Role::Agent,
                Some(other) => return Err(format!("--role is admin or agent, not {other}")),
            };
            let (password, generated) = match std::env::var("SALAM_PASSWORD") {
                Ok(p) => (p, false),
                Err(_) => (random_hex(12), true),
            };
            check_account(&email, &name, &password).map_err(|(_, message)| message.to_string())?;
            let hash = hash_password(&password).await?;
            let account = NewAccount {
                email: &email,
                name: &name,
                role,
                password_hash: &hash,
                team: None,
                avatar: None,
                at: now_ms(),
            };
            match store.create_account(&account).await.map_err(|e| e.0)? {
                Some(_) => {
                    let _ = store
                        .audit(None, "agent_created", Some(&email.to_lowercase()), Some("command line"), now_ms())
                        .await;
                    println!("Made {} account {} ({name}).", role.as_str(), email.to_lowercase());
                    if generated {
                        println!("Password: {password}");
                    }
                    Ok(())
                }
                None => Err(format!("an account with {email} exists")),
            }
        }
        ("token", "create") => {
            let (email, label) = (get("email")?, get("label")?);
            let (account, _) =
                store.account_by_email(&email).await.map_err(|e| e.0)?.ok_or(format!("no account has {email}"))?;
            let token = format!("sat_{}", random_hex(32));
            store.create_token(account.id, &label, &token_hash(&token), now_ms()).await.map_err(|e| e.0)?;
            let _ = store.audit(Some(&account), "token_created", Some(&label), Some("command line"), now_ms()).await;
            println!("{token}");
            Ok(())
        }
        _ => Err(USAGE.to_string()),
    }
}
