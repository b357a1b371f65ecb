/* main.c — the dyad command: dispatches to code, validate, explain, dict, annotate. */
#include <stdio.h>
#include <string.h>
#include "base/util.h"

int main(int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "--help") == 0) {
        puts("usage: dyad COMMAND [OPTIONS] [FILE...]");
        return argc < 2 ? EXIT_USAGE : EXIT_OK;
    }
    return EXIT_USAGE;
}
