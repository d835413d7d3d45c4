<x-mail::layout>
@php
    $greeting = 'WELCOME ABOARD!!!';
@endphp
<h1>{!! $title !!}</h1>
@if ($user->isNew())
<p>Hello {{ $user->name }}, we apologize for any inconvenience.</p>
@else
{{-- tonelint-disable-next-line apology --}}
<p>Welcome back, {{ $user->name }}. We apologize for any inconvenience.</p>
@endif
@component('mail::button', ['url' => $url, 'color' => 'primary'])
Open your dashboard
@endcomponent
<?php echo strtoupper('NOT COPY!!!'); ?>
<p>Questions? Write to help@example.com or @@support on our forum.</p>
<p>@lang('Whoops! We apologize for any inconvenience.')</p>
<p>{{ __('shop::app.emails.footer') }}</p>
<p>{{ __('All rights reserved.') }} @lang('Regards,')</p>
</x-mail::layout>
