<a href="{{ $url }}" class="button">{{ $slot }}</a>
<p>Button not working? Copy the link into your browser.</p>
