# SPDX-License-Identifier: GPL-2.0
#
# The front door of tinyip.
#
#   make                    tinyip.ko and the userspace tools
#   make KERNEL=NAME        the module for a test kernel: debian-6.1,
#                           debian-6.12 or debug (which adds tinyip_test.ko)
#   make KDIR=DIR           the module for any kernel tree or headers
#   make deps               install the Debian packages everything needs
#   make check              all tests on all test kernels (see README.md);
#                           KERNELS="debian-6.1 ..." picks some
#   make check-full         make check plus the heavy cases
#   make demo               a tour in a QEMU guest running Debian's 6.12
#   make bench              memory and speed against the native stack
#                           (tools/bench/; KERNEL=debian-6.1 for the other)
#   make checkpatch sparse  the style and static checks alone
#
# Each kernel gets its own build directory, build/<name>/, holding a tree
# of links to the sources, so builds for several kernels never share
# objects.

REPO := $(abspath $(dir $(lastword $(MAKEFILE_LIST))))
VM := $(REPO)/tools/testing/vm

ifneq ($(KERNEL),)
KNAME := $(KERNEL)
KDIR ?= $(shell $(VM)/kernel kdir $(KERNEL))
else ifneq ($(KDIR),)
KNAME ?= custom
else ifneq ($(wildcard /lib/modules/$(shell uname -r)/build/Makefile),)
KNAME := host
KDIR := /lib/modules/$(shell uname -r)/build
else
KNAME := debian-6.12
KDIR ?= $(shell $(VM)/kernel kdir debian-6.12)
endif

BUILD := $(REPO)/build/$(KNAME)
SOURCES := Kbuild module netdev include uapi kunit

.PHONY: all module tools deps check check-full demo bench checkpatch sparse \
	clean install

all: module tools

module:
	@test -n "$(KDIR)" || { echo "no kernel tree: run 'make deps' or give KDIR=" >&2; exit 1; }
	@mkdir -p $(BUILD)
	@find $(BUILD) -xtype l -delete
	@cd $(REPO) && cp -rsf $(wildcard $(addprefix $(REPO)/,$(SOURCES))) $(BUILD)/
	flock $(BUILD).lock $(MAKE) -C $(KDIR) M=$(BUILD) modules
	@echo "built: $(BUILD)/tinyip.ko (for $(KNAME))"

tools:
	$(MAKE) -C $(REPO)/tools/tinyip
	$(MAKE) -C $(REPO)/tools/examples
	$(MAKE) -C $(REPO)/tools/testing/selftests
	$(MAKE) -C $(REPO)/tools/preload
	$(MAKE) -C $(REPO)/tools/bench

deps:
	@$(REPO)/tools/deps.sh

CHECK_KERNELS := $(if $(KERNELS),--kernels "$(KERNELS)")

check:
	@$(REPO)/tools/testing/check $(CHECK_KERNELS)

check-full:
	@$(REPO)/tools/testing/check --full $(CHECK_KERNELS)

demo:
	@$(REPO)/tools/testing/demo

bench:
	@KERNEL=$(or $(KERNEL),debian-6.12) $(REPO)/tools/bench/bench

checkpatch:
	@$(REPO)/tools/testing/checkpatch

sparse:
	@test -n "$(KDIR)" || { echo "no kernel tree: run 'make deps'" >&2; exit 1; }
	@mkdir -p $(BUILD)-sparse
	@find $(BUILD)-sparse -xtype l -delete
	@cp -rsf $(wildcard $(addprefix $(REPO)/,$(SOURCES))) $(BUILD)-sparse/
	$(MAKE) -C $(KDIR) M=$(BUILD)-sparse C=2 CF="-D__CHECK_ENDIAN__" modules

install: module
	$(MAKE) -C $(KDIR) M=$(BUILD) modules_install
	$(MAKE) -C $(REPO)/tools/tinyip install

clean:
	rm -rf $(REPO)/build
	$(MAKE) -C $(REPO)/tools/tinyip clean
	$(MAKE) -C $(REPO)/tools/examples clean
	$(MAKE) -C $(REPO)/tools/testing/selftests clean
	$(MAKE) -C $(REPO)/tools/bench clean
