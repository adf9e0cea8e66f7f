/** ArchUnit rules for the shape every service keeps: plain domain, features that keep their persistence, no cycles. */
package io.provisio.devstack.architecture;
