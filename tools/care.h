#ifndef CARE_CARE_H
#define CARE_CARE_H

/* What the front end hands every command. */
struct care {
	const char *prefix;	/* the folder care was started in */
};

int cmd_check(int argc, char **argv, struct care *ctx);
int cmd_history(int argc, char **argv, struct care *ctx);
int cmd_hooks(int argc, char **argv, struct care *ctx);
int cmd_render(int argc, char **argv, struct care *ctx);

#endif
