<?php

use Illuminate\Database\Migrations\Migration;
use Illuminate\Database\Schema\Blueprint;
use Illuminate\Support\Facades\Schema;

// Adhérents de l'association et lieux de ses permanences.
return new class extends Migration
{
    public function up(): void
    {
        Schema::create('adherents', function (Blueprint $table) {
            $table->id();
            $table->string('nom');
            $table->string('prenom');
            $table->string('courriel')->unique();
            $table->date('date_naissance')->nullable();
            $table->string('telephone', 20)->nullable();
            $table->string('numero_securite_sociale', 15)->nullable();
            $table->boolean('adhesion_syndicale')->default(false)->comment('Membre d\'un syndicat de salariés');
            $table->string('opinion_politique')->nullable();
            $table->decimal('cotisation', 8, 2);
            $table->timestamp('politique_confidentialite_acceptee_le')->nullable();
            $table->timestamps();
        });

        Schema::create('lieux', function (Blueprint $table) {
            $table->id();
            $table->string('nom');
            $table->string('code_insee', 5);
            $table->string('syndicat_copropriete')->nullable();
            $table->boolean('acces_fauteuil_roulant')->default(false);
            $table->unique('code_insee');
        });
    }

    public function down(): void
    {
        Schema::dropIfExists('lieux');
        Schema::dropIfExists('adherents');
    }
};
