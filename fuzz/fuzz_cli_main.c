/*
 * fuzz_cli_main.c - src/cli/main.c for fuzz_cli: its command tree
 * (cli_root) without its main(), which libFuzzer brings.
 */
#define main archgate_cli_main
int archgate_cli_main(int argc, char **argv);
#include "../src/cli/main.c"
