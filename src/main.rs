//! The `ortaq` binary: parses the command line and hands over to [`ortaq::cli`].

fn main() -> std::process::ExitCode {
    ortaq::cli::main()
}
