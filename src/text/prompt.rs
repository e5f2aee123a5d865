//! A recorded command line split into its shell prompt and the command.
//!
//! SPS records a command event's `content` as the whole line the user saw
//! (`myuser@examplehost:/var$ ls -la`) and its `action` as the command alone
//! (`ls -la`). The events table shows the prompt apart from the command, so that
//! what was run stands out and a prompt cannot pass for part of the command.
//!
//! When `action` is the end of `content`, the rest is the prompt. Otherwise (the
//! reference sample itself has an event whose action and content disagree) a
//! prompt is recognised by its shape: a first word without spaces, or a bracketed
//! `[user@host dir]`, ending in `$`, `#`, `>` or `%` and a space, that looks like a
//! prompt (`user@host`, `host:path`, a bracket, or a bare router name like `core-sw1#`).

/// A command line, split.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CommandLine<'a> {
    /// The prompt, without the space after it, when one was found.
    pub prompt: Option<&'a str>,
    /// The command (the whole content when there is no prompt).
    pub command: &'a str,
}

/// Longest text taken for a prompt.
const MAX_PROMPT_CHARS: usize = 160;

/// Splits `content` using `action` when it can, else by the prompt's shape.
pub fn split<'a>(content: &'a str, action: Option<&str>) -> CommandLine<'a> {
    let whole = CommandLine { prompt: None, command: content };
    let trimmed = content.trim_end();
    if let Some(action) = action.map(str::trim).filter(|a| !a.is_empty()) {
        if let Some(before) = trimmed.strip_suffix(action) {
            let prompt = before.trim_end();
            // The action must start a word: `ls` is not the end of `cat /tmp/als`.
            if before.ends_with(char::is_whitespace) && !prompt.is_empty() && prompt.chars().count() <= MAX_PROMPT_CHARS
            {
                return CommandLine { prompt: Some(prompt), command: &content[before.len()..] };
            }
            if before.is_empty() {
                return whole;
            }
        }
    }
    by_shape(content).unwrap_or(whole)
}

fn by_shape(content: &str) -> Option<CommandLine<'_>> {
    let end = if content.starts_with('[') {
        // `[user@host dir]$ ` — the bracket may hold spaces.
        let close = content.find(']')?;
        let sign_at = close + 1;
        let sign = content[sign_at..].chars().next()?;
        matches!(sign, '$' | '#' | '>' | '%').then_some(sign_at)?
    } else {
        let word_end = content.find(char::is_whitespace)?;
        let word = &content[..word_end];
        let sign = word.chars().last()?;
        if !matches!(sign, '$' | '#' | '>' | '%') || word.len() < 2 {
            return None;
        }
        let body = &word[..word.len() - 1];
        let looks_like_prompt = body.contains('@')
            || body.contains(':')
            || body.chars().all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '(' | ')'));
        if !looks_like_prompt {
            return None;
        }
        word_end - 1
    };
    let prompt = &content[..end + 1];
    let rest = &content[end + 1..];
    if !rest.starts_with(char::is_whitespace) || prompt.chars().count() > MAX_PROMPT_CHARS {
        return None;
    }
    let command = rest.trim_start();
    (!command.is_empty()).then_some(CommandLine { prompt: Some(prompt), command: &rest[rest.len() - command.len()..] })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(content: &str, action: Option<&str>) -> (Option<&'static str>, String) {
        let line = split(content, action);
        (line.prompt.map(|p| Box::leak(p.to_owned().into_boxed_str()) as &str), line.command.to_owned())
    }

    #[test]
    fn action_at_the_end_splits_off_the_prompt() {
        assert_eq!(
            parts("myuser@examplehost:/var$ ls -la", Some("ls -la")),
            (Some("myuser@examplehost:/var$"), "ls -la".into())
        );
        assert_eq!(
            parts("[myuser@examplehost ~]$ man man", Some("man man")),
            (Some("[myuser@examplehost ~]$"), "man man".into())
        );
        assert_eq!(parts("core-sw1# show run", Some("show run")), (Some("core-sw1#"), "show run".into()));
    }

    #[test]
    fn a_mismatched_action_falls_back_to_the_prompt_shape() {
        // The reference sample: action `ls`, content `… man sudo`.
        assert_eq!(
            parts("myuser@examplehost:/var$ man sudo", Some("ls")),
            (Some("myuser@examplehost:/var$"), "man sudo".into())
        );
        // `ls` ends the content but not as a word.
        assert_eq!(parts("root@h:~# cat /tmp/als", Some("ls")), (Some("root@h:~#"), "cat /tmp/als".into()));
        assert_eq!(parts("[a@b c d]# id", None), (Some("[a@b c d]#"), "id".into()));
    }

    #[test]
    fn no_prompt_keeps_everything_as_the_command() {
        for content in ["ls -la", "echo $ HOME", "a b$ c", "GET /x HTTP/1.1 Host: h", "", "$ ", "#"] {
            assert_eq!(split(content, None), CommandLine { prompt: None, command: content }, "{content}");
        }
        // Action equal to the whole content: nothing is a prompt.
        assert_eq!(split("sudo -i", Some("sudo -i")), CommandLine { prompt: None, command: "sudo -i" });
        // Window titles and other events keep their text.
        assert_eq!(split("Remote Desktop - admin", Some("Remote Desktop - admin")).prompt, None);
    }

    #[test]
    fn hostile_prompts_stay_text() {
        let line = split("<b>x</b>$ rm -rf /", Some("rm -rf /"));
        assert_eq!(line.prompt, Some("<b>x</b>$"));
        let long = format!("{}$ id", "p".repeat(500));
        assert_eq!(split(&long, Some("id")).prompt, None);
    }
}
