<?php

return [
    'failed' => 'Third-party copy: not part of this project.',
];
