<?php

class HomeController
{
    public function index() { return view('home'); }
}
