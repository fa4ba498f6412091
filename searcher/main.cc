// Placeholder while the command-line front end is written.
int main() { return 1; }
