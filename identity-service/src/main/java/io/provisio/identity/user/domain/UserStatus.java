package io.provisio.identity.user.domain;

/** INVITED users have no password yet and must activate their account by link. */
public enum UserStatus { INVITED, ACTIVE, DISABLED }
