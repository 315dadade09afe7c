/* Intentionally empty: mediasoup's meson.build link_whole()s this subproject's library target,
 * while the actual code comes from the Debian shared library in the subproject's dependency. */
