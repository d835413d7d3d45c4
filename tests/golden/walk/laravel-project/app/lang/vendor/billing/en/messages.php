<?php

return [
    'declined' => 'Your card was declined. Try another card.',
];
