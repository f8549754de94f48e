// SPDX-License-Identifier: GPL-2.0
/* Entry point of the tinyip command; the work is in tinyip.c. */
#include "tinyip_common.h"

int main(int argc, char **argv)
{
	return tinyip_main(argc, argv);
}
