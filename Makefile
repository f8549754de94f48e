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
#   make soak               an hour of mixed traffic under loss (SOAK_SECS)
#                           (tools/bench/; KERNEL=debian-6.1 for the other)
#   make checkpatch sparse  the style and static checks alone
#   make fuzz               each wire parser's libFuzzer harness on the host
#                           for FUZZ_SECS (60) seconds (tools/fuzz/)
#   make fuzz-cov           their corpus replayed for llvm-cov coverage
#   make sizes              .text of the feature combinations that matter
#                           (tools/testing/build-matrix)
#
# Feature switches (see Kbuild), y by default, each given as make
# variables, e.g. make module TINYIP_IPV6=n TINYIP_RAW=n:
#   TINYIP_IPV6 TINYIP_IGMP TINYIP_RAW TINYIP_UDPLITE TINYIP_CUBIC
#   TINYIP_SACK TINYIP_FORWARD TINYIP_API TINYIP_FAULT TINYIP_EVENTS
#   TINYIP_DHCP4 TINYIP_DNS; TINYIP_MINIMAL=y turns them all off (IPv4,
#   UDP and TCP stay); TINYIP_SIZE=y builds with -Os.
#
# Each kernel gets its own build directory, build/<name>/, holding a tree
# of links to the sources, so builds for several kernels never share
# objects. A build with switches that differ from the defaults goes to
# build/<name>-<what differs>/ (build/debian-6.12-minimal-os/,
# build/debian-6.12-no-ipv6/), for the same reason.

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

TIP_SWITCHES := IPV6 IGMP RAW UDPLITE CUBIC SACK FORWARD API FAULT EVENTS DHCP4 DNS
# Each switch's value as Kbuild will see it (TINYIP_MINIMAL flips the
# defaults), then the build directory's suffix from those that are n.
tip_val = $(or $(TINYIP_$(1)),$(if $(filter y,$(TINYIP_MINIMAL)),n,y))
TIP_OFF := $(foreach s,$(TIP_SWITCHES),$(if $(filter n,$(call tip_val,$(s))),$(s)))
TIP_VARIANT := $(if $(filter $(words $(TIP_SWITCHES)),$(words $(TIP_OFF))),-minimal,$(foreach s,$(TIP_OFF),-no-$(s)))$(if $(filter y,$(TINYIP_SIZE)),-os)
TIP_VARIANT := $(shell echo '$(TIP_VARIANT)' | tr A-Z a-z)
TIP_FLAGS := $(foreach s,$(TIP_SWITCHES),TINYIP_$(s)=$(call tip_val,$(s))) \
	TINYIP_SIZE=$(or $(TINYIP_SIZE),n)

BUILD := $(REPO)/build/$(KNAME)$(TIP_VARIANT)
SOURCES := Kbuild module netdev include uapi kunit

.PHONY: all module tools deps check check-full demo bench checkpatch sparse \
	clean install sizes fuzz fuzz-cov soak

all: module tools

module:
	@test -n "$(KDIR)" || { echo "no kernel tree: run 'make deps' or give KDIR=" >&2; exit 1; }
	@mkdir -p $(BUILD)
	@find $(BUILD) -xtype l -delete
	@cd $(REPO) && cp -rsf $(wildcard $(addprefix $(REPO)/,$(SOURCES))) $(BUILD)/
	flock $(BUILD).lock $(MAKE) -C $(KDIR) M=$(BUILD) $(TIP_FLAGS) modules
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

soak:
	@KERNEL=$(or $(KERNEL),debian-6.12) $(REPO)/tools/testing/soak

bench:
	@KERNEL=$(or $(KERNEL),debian-6.12) $(REPO)/tools/bench/bench

sizes:
	@$(REPO)/tools/testing/build-matrix $(if $(KERNEL),--kernel $(KERNEL))

checkpatch:
	@$(REPO)/tools/testing/checkpatch

fuzz:
	@$(MAKE) --no-print-directory -C $(REPO)/tools/fuzz fuzz \
		$(if $(FUZZ_SECS),FUZZ_SECS=$(FUZZ_SECS))

fuzz-cov:
	@$(MAKE) --no-print-directory -C $(REPO)/tools/fuzz cov

sparse:
	@test -n "$(KDIR)" || { echo "no kernel tree: run 'make deps'" >&2; exit 1; }
	@mkdir -p $(BUILD)-sparse
	@find $(BUILD)-sparse -xtype l -delete
	@cp -rsf $(wildcard $(addprefix $(REPO)/,$(SOURCES))) $(BUILD)-sparse/
	$(MAKE) -C $(KDIR) M=$(BUILD)-sparse C=2 CF="-D__CHECK_ENDIAN__" \
		$(TIP_FLAGS) modules

install: module
	$(MAKE) -C $(KDIR) M=$(BUILD) $(TIP_FLAGS) modules_install
	$(MAKE) -C $(REPO)/tools/tinyip install

clean:
	rm -rf $(REPO)/build
	$(MAKE) -C $(REPO)/tools/tinyip clean
	$(MAKE) -C $(REPO)/tools/examples clean
	$(MAKE) -C $(REPO)/tools/testing/selftests clean
	$(MAKE) -C $(REPO)/tools/bench clean
