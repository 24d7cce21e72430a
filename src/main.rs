fn main() -> std::process::ExitCode {
    edugroups::cli::main()
}
