<?php

return [
    // tonelint-disable-next-line jargon
    'failed' => 'Invalid credentials.',
    'password' => 'The password is invalid. Please try again in :seconds seconds, '
        . "or reset it.",
    /* tonelint-disable */
    'token' => 'This reset token is invalid.',
    /* tonelint-enable */
    'list' => ['Fatal error.', 5 => 'ABORT NOW'],
];
