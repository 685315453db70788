//! Typed errors of parsing, checking and running rule sets.

use thiserror::Error;

/// Why a rule set was rejected or could not be run.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum RuleError {
    /// The text does not follow the SRL grammar.
    #[error("syntax error at line {line}, column {column}: {message}")]
    Syntax {
        /// 1-based line.
        line: usize,
        /// 1-based column (characters).
        column: usize,
        /// What was wrong.
        message: String,
    },
    /// A rule violates a well-formedness condition (e.g. an unbound head variable).
    #[error("rule {rule} (line {line}): {message}")]
    NotWellFormed {
        /// 1-based index of the rule in the rule set.
        rule: usize,
        /// Line where the rule starts.
        line: usize,
        /// The variable concerned, when there is one (without `?`).
        variable: Option<String>,
        /// What was wrong.
        message: String,
    },
    /// Negation (or term generation) through a recursive cycle of rules.
    #[error("rule set is not stratifiable: rule {rule} (line {line}) {message}")]
    NotStratifiable {
        /// 1-based index of the rule whose body closes the cycle.
        rule: usize,
        /// Line where that rule starts.
        line: usize,
        /// The cycle, described.
        message: String,
    },
    /// A construct that parses but that the engine cannot evaluate.
    #[error("rule {rule} (line {line}): unsupported: {message}")]
    Unsupported {
        /// 1-based index of the rule.
        rule: usize,
        /// Line where the rule starts.
        line: usize,
        /// What is not supported.
        message: String,
    },
    /// Evaluation stopped because a configured limit was exceeded (e.g. endless blank-node
    /// generation).
    #[error("evaluation limit exceeded: {0}")]
    Limit(String),
}
