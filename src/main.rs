//! The `lscb` binary: everything happens in the library.

fn main() -> std::process::ExitCode {
    lscb::run::main()
}
